#!/bin/sh
# One-shot job (service minio-init): creates the media bucket and media-uploader's own MinIO
# user, allowed to touch that bucket only. Safe to run on every start: each step is idempotent.
set -eu

: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${SHUTTER_S3_BUCKET:?}"
: "${SHUTTER_S3_ACCESS_KEY:?}" "${SHUTTER_S3_SECRET_KEY:?}"

mc alias set shutter http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing "shutter/$SHUTTER_S3_BUCKET"

policy=/tmp/shutter-media-policy.json
cat >"$policy" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:CreateBucket"],
      "Resource": ["arn:aws:s3:::$SHUTTER_S3_BUCKET"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::$SHUTTER_S3_BUCKET/*"]
    }
  ]
}
JSON
mc admin policy create shutter shutter-media "$policy"
# Adding an existing user updates its secret key, so a changed .env takes effect.
mc admin user add shutter "$SHUTTER_S3_ACCESS_KEY" "$SHUTTER_S3_SECRET_KEY"
# Attaching a policy that is already attached is reported as an error ("already in effect").
if ! mc admin policy attach shutter shutter-media --user "$SHUTTER_S3_ACCESS_KEY" 2>/tmp/attach.err; then
  if ! grep -qi 'already' /tmp/attach.err \
    && ! mc admin user info shutter "$SHUTTER_S3_ACCESS_KEY" | grep -Eq '^PolicyName:.*shutter-media'; then
    cat /tmp/attach.err >&2
    exit 1
  fi
fi
echo "bucket $SHUTTER_S3_BUCKET and user $SHUTTER_S3_ACCESS_KEY ready"

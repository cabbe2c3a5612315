// Runs once, when the MongoDB data directory is initialised (docker-entrypoint-initdb.d), in
// mongosh authenticated as the root user. Every service gets its own user limited to its own
// databases (database names are fixed by the services). All users live in `admin`, so each
// service connects with `?authSource=admin`.
const serviceUsers = [
  {
    user: 'shutter_projections',
    passwordVariable: 'MONGO_PROJECTIONS_PASSWORD',
    roles: ['profiles', 'social', 'posts', 'timelines'].map((name) => ({ role: 'readWrite', db: name })),
  },
  {
    user: 'shutter_query',
    passwordVariable: 'MONGO_QUERY_PASSWORD',
    roles: ['profiles', 'social', 'posts', 'timelines'].map((name) => ({ role: 'read', db: name })),
  },
  {
    user: 'shutter_media',
    passwordVariable: 'MONGO_MEDIA_PASSWORD',
    roles: [{ role: 'readWrite', db: 'media' }],
  },
  {
    user: 'shutter_push',
    passwordVariable: 'MONGO_PUSH_PASSWORD',
    roles: [{ role: 'readWrite', db: 'push' }],
  },
];

const missing = serviceUsers.map((u) => u.passwordVariable).filter((name) => !process.env[name]);
if (missing.length > 0) {
  throw new Error(`missing environment variables: ${missing.join(', ')}`);
}

const adminDb = db.getSiblingDB('admin');
for (const { user, passwordVariable, roles } of serviceUsers) {
  adminDb.createUser({ user, pwd: process.env[passwordVariable], roles });
  print(`created MongoDB user ${user}: ${roles.map((r) => `${r.role}@${r.db}`).join(', ')}`);
}

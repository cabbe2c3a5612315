# syntax=docker/dockerfile:1
#
# One image definition for every Shutter service, chosen by the build argument MODULE:
#   docker build --build-arg MODULE=command-side -t shutter/command-side .
# MODULE is one of command-side, projections, query-side, media-uploader, push-dispatcher.
#
# Needs BuildKit (the default of Docker Engine 23+ and of `docker compose`; with the older
# `docker-compose` 1.29 set DOCKER_BUILDKIT=1 and COMPOSE_DOCKER_CLI_BUILD=1): the Maven
# repository is a cache mount shared by the five builds, so dependencies are downloaded once.

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
RUN case "${MODULE}" in \
      command-side|projections|query-side|media-uploader|push-dispatcher) ;; \
      *) echo "build argument MODULE must be one of command-side, projections, query-side, media-uploader, push-dispatcher (got '${MODULE}')" >&2; exit 1 ;; \
    esac
WORKDIR /src
COPY . .
# sharing=locked: compose builds the five images in parallel, and Maven's local repository
# is not safe for concurrent writers. Each service module repackages an executable jar with
# the classifier "exec" (its plain jar stays a library for devstack).
RUN --mount=type=cache,id=shutter-m2,target=/root/.m2,sharing=locked \
    ./mvnw -B -q -pl "${MODULE}" -am package -DskipTests \
 && mkdir -p /out \
 && cp "${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar" /out/app.jar

FROM eclipse-temurin:17-jre
# curl serves the container health check (GET /actuator/health); installed before MODULE is
# declared so that this layer is shared by all five images.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 shutter \
 && useradd --system --uid 10001 --gid shutter --no-create-home --home-dir /app --shell /usr/sbin/nologin shutter
ARG MODULE
LABEL org.opencontainers.image.title="shutter-${MODULE}" \
      org.opencontainers.image.description="Shutter ${MODULE}"
WORKDIR /app
# Owned by root (files 0644): the service user can read its code but not replace it.
COPY --from=build /out/ /app/
USER 10001:10001
# The heap follows the container's memory limit; JAVA_TOOL_OPTIONS adds or overrides flags.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]

# Waymark's container image: the server on a Java runtime, as a non-root user, data in a volume.
#   in a checkout:           ./waymark image             (builds the jar, then this file)
#   in a release bundle:     docker build -t waymark .   (uses lib/waymark-server.jar)
#   docker run -d --name waymark -p 8080:8080 -p 8081:8081 -v waymark-data:/var/lib/waymark waymark
#   docker stop -t 60 waymark      (a clean stop takes a few seconds; see docs/operations.md)
#
# BASE: any image with a Java >= 21 runtime on the PATH, bash, groupadd and useradd. The default is
# the public Eclipse Temurin runtime; the tests here build one from Debian packages instead.
ARG BASE=eclipse-temurin:21-jre

FROM ${BASE} AS unpack
WORKDIR /build
# .dockerignore lets in only the jar (a checkout's or a bundle's), LICENSE and deploy/docker/.
COPY . .
# The jar's layers (dependencies, loader, application) become image layers of their own, so a new
# version adds little more than the application layer.
RUN set -eu; \
    jar="$(ls lib/waymark-server.jar waymark-server/target/waymark-server.jar 2>/dev/null | head -n 1)"; \
    if [ -z "$jar" ]; then echo "no waymark-server.jar in the build context: run ./waymark image (or mvn package) first" >&2; exit 1; fi; \
    java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination /opt/waymark/app; \
    chmod 0755 deploy/docker/healthcheck

FROM ${BASE}
ARG UID=10001
RUN groupadd --system --gid "${UID}" waymark \
 && useradd --system --uid "${UID}" --gid waymark --home-dir /var/lib/waymark --no-create-home \
      --shell /usr/sbin/nologin waymark \
 && mkdir -p /var/lib/waymark \
 && chown waymark:waymark /var/lib/waymark \
 && chmod 0750 /var/lib/waymark
WORKDIR /opt/waymark/app
COPY --from=unpack /opt/waymark/app/dependencies/ ./
COPY --from=unpack /opt/waymark/app/spring-boot-loader/ ./
COPY --from=unpack /opt/waymark/app/snapshot-dependencies/ ./
COPY --from=unpack /opt/waymark/app/application/ ./
COPY --from=unpack /build/LICENSE /opt/waymark/LICENSE
COPY --from=unpack /build/deploy/docker/healthcheck /opt/waymark/bin/healthcheck

# The heap is sized from the container's memory limit: 40% of it, because DuckDB may take up to
# half of the same limit outside the heap (waymark.store.memory-limit=auto). Replace the whole
# variable to change it (e.g. -e JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=30 ..."). The stream and
# sink threads run at a lower OS priority (decision 35); the JVM's warnings go to stderr, so stdout
# stays pure JSON with structured logs.
ENV WAYMARK_DATA_DIR=/var/lib/waymark \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:+ExitOnOutOfMemoryError -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10 -XX:+DisplayVMOutputToStderr"
VOLUME ["/var/lib/waymark"]
# 8080: API, web app, /actuator/health (status only). 8081: the collector. 8082: health details and
# metrics, on the container's loopback unless MANAGEMENT_SERVER_ADDRESS=0.0.0.0 opens it.
EXPOSE 8080 8081 8082
USER waymark
HEALTHCHECK --interval=15s --timeout=5s --start-period=180s --retries=3 \
  CMD ["/opt/waymark/bin/healthcheck"]
# Exec form: Java is process 1 and gets the SIGTERM of `docker stop` itself, finishes the requests
# in flight, closes Kafka, the stream state and DuckDB, and exits with 143.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]

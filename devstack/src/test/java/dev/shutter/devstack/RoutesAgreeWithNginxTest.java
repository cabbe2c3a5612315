package dev.shutter.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shutter.devstack.Services.Service;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** devstack's gateway and the nginx gateway of docker-compose send every request to the same service. */
class RoutesAgreeWithNginxTest {

    private static final Routes ROUTES = Routes.shared();
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private static NginxLocations nginx;

    @BeforeAll
    static void readNginxConfiguration() throws IOException {
        nginx = NginxLocations.read();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "POST,   /api/media,                                             media-uploader",
        "GET,    /api/media/m1/large,                                    media-uploader",
        "GET,    /api/notifications,                                     push-dispatcher",
        "POST,   /api/notifications/read,                                push-dispatcher",
        "PUT,    /api/users/me/notification-settings,                    push-dispatcher",
        "GET,    /api/admin/push/dead-letters,                           push-dispatcher",
        "GET,    /api/admin/consumers/projections/dead-letters,          projections",
        "POST,   /api/admin/consumers/push-dispatcher/dead-letters/retry, push-dispatcher",
        "GET,    /api/admin/consumers/media-uploader/dead-letters,       media-uploader",
        "DELETE, /api/admin/consumers/command-side.media/dead-letters/1, command-side",
        "GET,    /api/admin/consumers/command-side.devices/dead-letters, command-side",
        "GET,    /api/admin/consumers,                                   projections",
        "POST,   /api/admin/views/timelines/rebuild,                     projections",
        "GET,    /api/admin,                                             projections",
        "GET,    /.well-known/jwks.json,                                 command-side",
        "GET,    /api/users/me/export,                                   command-side",
        "GET,    /api/timeline,                                          query-side",
        "HEAD,   /api/users/u1,                                          query-side",
        "POST,   /api/users,                                             command-side",
        "POST,   /api/auth/token,                                        command-side",
        "PUT,    /api/users/me/following/u1,                             command-side",
        "GET,    /api,                                                   query-side",
        "GET,    /actuator/health,                                       command-side",
        "GET,    /actuator/health/liveness,                              command-side",
        "GET,    /,                                                      none",
        "GET,    /apiary,                                                none",
        "GET,    /actuator/metrics,                                      none",
        "GET,    /dev/fcm/messages,                                      none",
    })
    void bothGatewaysSendTheRequestToTheSameService(String method, String path, String service) {
        assertThat(devstack(method, path)).as("devstack's routes").isEqualTo(service);
        assertThat(nginx(method, path)).as("nginx.conf").isEqualTo(service);
    }

    @Test
    void everyPathEitherTableNamesIsRoutedAlikeByBoth() {
        Set<String> paths = new TreeSet<>();
        ROUTES.routes().forEach(route -> paths.add(route.path()));
        nginx.locations().forEach(location -> paths.add(location.path()));
        SoftAssertions softly = new SoftAssertions();
        paths.stream()
                .flatMap(RoutesAgreeWithNginxTest::neighbours)
                .forEach(path -> METHODS.forEach(method -> softly.assertThat(devstack(method, path))
                        .as("%s %s: devstack's routes.txt vs nginx.conf", method, path)
                        .isEqualTo(nginx(method, path))));
        softly.assertAll();
    }

    /** A path, one below it, and the same path with and without its trailing slash. */
    private static Stream<String> neighbours(String path) {
        String other = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
        return Stream.of(path, path + "x", path + "x/y", other).filter(candidate -> !candidate.isEmpty());
    }

    private static String devstack(String method, String path) {
        return ROUTES.service(method, path).map(service -> service.displayName).orElse("none");
    }

    private static String nginx(String method, String path) {
        return nginx.service(method, path).orElse("none");
    }

    @Test
    void aMethodOfItsOwnIsTriedBeforeTheCatchAllOfItsPath() {
        Routes routes = Routes.parse(List.of("prefix /api/ GET,HEAD query-side", "prefix /api/ * command-side"));
        assertThat(routes.service("HEAD", "/api/x")).isEqualTo(Optional.of(Service.QUERY_SIDE));
        assertThat(routes.service("OPTIONS", "/api/x")).isEqualTo(Optional.of(Service.COMMAND_SIDE));
    }
}

package proficio.service.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

final class Ports {
    /**
     * Every port handed out in this JVM. The kernel may give the same free port to two binds in a row
     * once the first socket is closed: RestartIT once got one port for the embedded Kafka's controller
     * and for the service's gRPC server, and the service refused to start.
     */
    private static final Set<Integer> GIVEN = new HashSet<>();

    private Ports() {
    }

    static synchronized int free() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                s.setReuseAddress(true);
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

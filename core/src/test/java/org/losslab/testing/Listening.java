package org.losslab.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the kernel's table of listening TCP sockets (Linux {@code /proc/net/tcp} and {@code tcp6}). */
public final class Listening {

    private Listening() {
    }

    /** The local addresses (as the kernel writes them, in hex) of sockets listening on {@code port}. */
    public static List<String> addresses(int port) throws IOException {
        List<String> found = new ArrayList<>();
        String wanted = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                // fields[1] local address:port, fields[3] state; 0A = LISTEN
                if (fields[1].endsWith(wanted) && fields[3].equals("0A")) {
                    found.add(fields[1].substring(0, fields[1].indexOf(':')));
                }
            }
        }
        return found;
    }

    /** Whether a kernel hex address is a loopback one: 127.0.0.1, ::1 or ::ffff:127.0.0.1. */
    public static boolean loopback(String hex) {
        return hex.equals("0100007F") // 127.0.0.1, little-endian
                || hex.equals("00000000000000000000000001000000") // ::1
                || hex.equals("0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1
    }
}

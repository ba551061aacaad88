package org.losslab.ui;

import io.vertx.core.http.impl.MimeMapping;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.ui.VertxUIServer;

/**
 * The UI's static files, looked up on the class path only: DL4J's own under {@code deeplearning4jUiAssets/} and
 * webjars under {@code META-INF/resources/webjars/}. A request path is decoded once and refused unless every
 * segment is a plain file or folder name, so no request can leave those two roots, in any encoding.
 */
final class Assets {

    /** Where the UI's assets live in a request's path. */
    static final String PREFIX = "/assets/";
    /** The largest asset served; DL4J's largest is well under 2 MB. */
    static final int MAX_BYTES = 16 << 20;

    private static final String WEBJARS = "webjars";
    private static final Map<String, Asset> CACHE = new ConcurrentHashMap<>();

    private Assets() {
    }

    /** A static file: its bytes and content type. */
    record Asset(byte[] bytes, String mime) {
    }

    /** The asset a raw request path names, or null when there is none or the path is refused. */
    static Asset find(String rawPath) {
        String resource = resource(rawPath);
        if (resource == null) {
            return null;
        }
        Asset cached = CACHE.get(resource);
        if (cached != null) {
            return cached;
        }
        Asset loaded = load(resource);
        if (loaded != null) {
            CACHE.put(resource, loaded);
        }
        return loaded;
    }

    /**
     * The class-path resource for a raw request path {@code /assets/...}, or null when the path is refused: not
     * under {@value #PREFIX}, not valid percent-encoding, or a segment (after decoding) that is empty, {@code .},
     * {@code ..}, or holds a backslash, colon, percent sign or control character.
     */
    static String resource(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) {
            return null;
        }
        String decoded = decode(rawPath.substring(PREFIX.length()));
        if (decoded == null || decoded.isEmpty()) {
            return null;
        }
        String[] segments = decoded.split("/", -1);
        for (String segment : segments) {
            if (!plainName(segment)) {
                return null;
            }
        }
        // DL4J's pages name webjars as /assets/webjars/...; VertxUIServer also accepted a prefix before "webjars".
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals(WEBJARS) && i < segments.length - 1) {
                return "META-INF/resources/" + String.join("/", java.util.Arrays.copyOfRange(segments, i,
                        segments.length));
            }
        }
        return VertxUIServer.ASSETS_ROOT_DIRECTORY + decoded;
    }

    private static boolean plainName(String segment) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':' || c == '%') {
                return false;
            }
        }
        return true;
    }

    /** Percent-decodes once (UTF-8); null for a malformed escape or bytes that are not UTF-8. */
    private static String decode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length()) {
                    return null;
                }
                int high = Character.digit(path.charAt(i + 1), 16);
                int low = Character.digit(path.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null; // a raw request path is ASCII
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static Asset load(String resource) {
        URL url = Assets.class.getClassLoader().getResource(resource);
        if (url == null || !servable(url)) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                return null;
            }
            if (resource.equals(OVERVIEW_SCRIPT)) {
                bytes = withEpochChart(bytes);
            }
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            String mime = MimeMapping.getMimeTypeForFilename(name);
            return new Asset(bytes, mime == null ? "application/octet-stream" : mime);
        } catch (IOException e) {
            return null; // a folder inside a jar, or unreadable
        }
    }

    /** DL4J's script of the training overview, to which LossLab appends its chart of the epochs. */
    static final String OVERVIEW_SCRIPT = VertxUIServer.ASSETS_ROOT_DIRECTORY + "js/train/overview.js";
    /** LossLab's addition to it: validation accuracy per epoch ({@code UiServer}'s overview data). */
    static final String EPOCH_CHART_SCRIPT = "org/losslab/ui/overview-epochs.js";

    private static byte[] withEpochChart(byte[] overview) throws IOException {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(EPOCH_CHART_SCRIPT)) {
            if (in == null) {
                throw new IOException("LossLab's " + EPOCH_CHART_SCRIPT + " is missing from the class path");
            }
            byte[] ours = in.readAllBytes();
            byte[] both = java.util.Arrays.copyOf(overview, overview.length + ours.length);
            System.arraycopy(ours, 0, both, overview.length, ours.length);
            return both;
        }
    }

    /** A file inside a jar or a class-path folder; not a folder itself. */
    private static boolean servable(URL url) {
        return switch (url.getProtocol()) {
            case "jar" -> {
                try {
                    java.net.JarURLConnection jar = (java.net.JarURLConnection) url.openConnection();
                    java.util.jar.JarEntry entry = jar.getJarEntry();
                    yield entry != null && !entry.isDirectory();
                } catch (IOException | ClassCastException e) {
                    yield false;
                }
            }
            case "file" -> {
                try {
                    yield java.nio.file.Files.isRegularFile(java.nio.file.Path.of(url.toURI()));
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    yield false;
                }
            }
            default -> false;
        };
    }
}

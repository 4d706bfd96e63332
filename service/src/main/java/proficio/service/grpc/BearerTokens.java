package proficio.service.grpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer tokens a call may carry: a value, parsed from configuration, checked per call. A token is
 * compared in time independent of where it differs ({@link MessageDigest#isEqual}), so the check does
 * not leak a token's prefix to someone timing rejections.
 */
public final class BearerTokens {

    static final String SCHEME = "Bearer ";

    private final List<byte[]> accepted;

    private BearerTokens(List<byte[]> accepted) {
        this.accepted = List.copyOf(accepted);
    }

    /**
     * @param token     one token, or null
     * @param fileText  a token file's text (one per line, '#' comments, blank lines), or null
     * @param source    the file's name, for errors
     * @throws IllegalArgumentException naming the line of a malformed token
     */
    public static BearerTokens of(String token, String fileText, String source) {
        List<byte[]> out = new ArrayList<>();
        if (token != null) {
            out.add(checked(token.strip(), "proficio.grpc.auth.token"));
        }
        if (fileText != null) {
            String[] lines = fileText.split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int hash = line.indexOf('#');
                String t = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!t.isEmpty()) {
                    out.add(checked(t, source + ", line " + (i + 1)));
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(source + " holds no token: every call would be refused");
            }
        }
        return new BearerTokens(out);
    }

    private static byte[] checked(String token, String where) {
        if (token.length() < 16) {
            throw new IllegalArgumentException(where + ": a token must be at least 16 characters, this one has "
                    + token.length());
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException(where + ": a token is printable ASCII without spaces; character "
                        + (i + 1) + " is not");
            }
        }
        return token.getBytes(StandardCharsets.US_ASCII);
    }

    public int size() {
        return accepted.size();
    }

    /**
     * Why {@code authorization} (the header's value, or null) is refused, or null when it carries an
     * accepted token.
     */
    public String refusal(String authorization) {
        if (authorization == null) {
            return "missing the authorization header: expected 'Bearer <token>'";
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return "the authorization header is not 'Bearer <token>'";
        }
        byte[] presented = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (byte[] a : accepted) {
            ok |= MessageDigest.isEqual(a, presented); // every token compared, whichever matches
        }
        return ok ? null : "the bearer token is not accepted";
    }
}

package proficio.service.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokensTest {

    private static final String A = "a-token-of-24-characters";
    private static final String B = "another-token-0123456789";

    @Test
    void theConfiguredToken_isAccepted_andEveryOtherHeaderRefusedWithItsReason() {
        BearerTokens tokens = BearerTokens.of(A, null, null);

        assertThat(tokens.refusal("Bearer " + A)).isNull();
        assertThat(tokens.refusal("bearer " + A)).as("the scheme is case-insensitive (RFC 6750)").isNull();
        assertThat(tokens.refusal(null)).isEqualTo("missing the authorization header: expected 'Bearer <token>'");
        assertThat(tokens.refusal("Basic " + A)).isEqualTo("the authorization header is not 'Bearer <token>'");
        assertThat(tokens.refusal("Bearer " + B)).isEqualTo("the bearer token is not accepted");
        assertThat(tokens.refusal("Bearer " + A.substring(1))).isEqualTo("the bearer token is not accepted");
        assertThat(tokens.refusal("Bearer " + A + "x")).isEqualTo("the bearer token is not accepted");
    }

    @Test
    void aTokenFile_acceptsEveryTokenInIt_skippingCommentsAndBlankLines() {
        BearerTokens tokens = BearerTokens.of(null, "# dashboard, until 2026-12-01\n" + A + "\n\n  " + B + "  # new\n",
                "tokens.txt");

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.refusal("Bearer " + A)).isNull();
        assertThat(tokens.refusal("Bearer " + B)).isNull();
        assertThat(tokens.refusal("Bearer # dashboard, until 2026-12-01")).isNotNull();
    }

    @Test
    void theTokenAndTheFile_areBothAccepted() {
        BearerTokens tokens = BearerTokens.of(A, B + "\n", "tokens.txt");

        assertThat(tokens.refusal("Bearer " + A)).isNull();
        assertThat(tokens.refusal("Bearer " + B)).isNull();
    }

    @Test
    void aMalformedToken_isRefusedAtLoad_namingWhereItIs() {
        assertThatThrownBy(() -> BearerTokens.of(null, A + "\nshort\n", "/etc/proficio/tokens"))
                .hasMessage("/etc/proficio/tokens, line 2: a token must be at least 16 characters, this one has 5");
        assertThatThrownBy(() -> BearerTokens.of(null, "two words in one token line", "tokens.txt"))
                .hasMessage("tokens.txt, line 1: a token is printable ASCII without spaces; character 4 is not");
        assertThatThrownBy(() -> BearerTokens.of("tiny", null, null))
                .hasMessageStartingWith("proficio.grpc.auth.token: a token must be at least 16 characters");
        assertThatThrownBy(() -> BearerTokens.of(null, "# nothing yet\n", "tokens.txt"))
                .hasMessage("tokens.txt holds no token: every call would be refused");
    }
}

package dev.genqueue.api.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genqueue.store.callback.CallbackPaths;
import dev.genqueue.store.callback.CallbackTokens;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallbackUrlTest {

    private static final UUID JOB = UUID.fromString("3f2b8c1e-0d4a-4c6e-9b7a-2f1e0c9d8b7a");

    @Test
    void tokensAre43UrlSafeCharactersAndNeverRepeat() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = CallbackTokens.newToken();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(CallbackTokens.isWellFormed(token)).isTrue();
            tokens.add(token);
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void onlyTheSha256OfATokenIsStoredAndOnlyThatTokenMatchesIt() {
        String token = CallbackTokens.newToken();
        String hash = CallbackTokens.hash(token);

        assertThat(hash).matches("[0-9a-f]{64}").doesNotContain(token);
        assertThat(CallbackTokens.matches(token, hash)).isTrue();
        assertThat(CallbackTokens.matches(CallbackTokens.newToken(), hash)).isFalse();
        assertThat(CallbackTokens.matches(token, null)).isFalse();
        assertThat(CallbackTokens.matches(null, hash)).isFalse();
        assertThat(CallbackTokens.matches(token, hash.toUpperCase())).isFalse();
    }

    @Test
    void hashIsTheHexSha256OfTheTokenText() {
        // sha256("abc"), a published test vector
        assertThat(CallbackTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void urlIsBaseThenFixedPathThenJobThenToken() {
        String token = CallbackTokens.newToken();

        assertThat(CallbackPaths.forJob("https://hooks.example.org", JOB, token))
                .isEqualTo("https://hooks.example.org/v1/callbacks/apixo/" + JOB + "/" + token);
        assertThat(CallbackPaths.forJob("https://hooks.example.org/genqueue/", JOB, token))
                .isEqualTo("https://hooks.example.org/genqueue/v1/callbacks/apixo/" + JOB + "/" + token);
        assertThat(CallbackPaths.TEMPLATE).isEqualTo("/v1/callbacks/apixo/{jobId}/{token}");
    }

    @Test
    void urlRefusesSomethingThatIsNotAToken() {
        assertThatThrownBy(() -> CallbackPaths.forJob("https://hooks.example.org", JOB, "../../etc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallbackPaths.forJob(" / ", JOB, CallbackTokens.newToken()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

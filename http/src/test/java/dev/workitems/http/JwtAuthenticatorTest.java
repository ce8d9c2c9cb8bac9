package dev.workitems.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.Caller;
import dev.workitems.testkit.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real tokens of every supported kind, and each way a token is refused (D17). */
class JwtAuthenticatorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));

    private JWTClaimsSet claims(Object roles) {
        return new JWTClaimsSet.Builder()
                .claim("identity_id", "fred")
                .claim("authorities", roles)
                .expirationTime(Date.from(clock.instant().plusSeconds(300)))
                .build();
    }

    private static String signed(JWSHeader header, JWTClaimsSet claims, com.nimbusds.jose.JWSSigner signer)
            throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return "Bearer " + jwt.serialize();
    }

    @Test
    void rs256AndEs256WithPublicKeysAndAJwksFile(@TempDir Path dir) throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        JwtAuthenticator direct = JwtAuthenticator.builder()
                .publicKey(rsa.toRSAPublicKey())
                .publicKey(ec.toECPublicKey())
                .clock(clock)
                .build();
        String rsToken = signed(new JWSHeader(JWSAlgorithm.RS256), claims(List.of("ORG_ADMIN")), new RSASSASigner(rsa));
        String esToken =
                signed(new JWSHeader(JWSAlgorithm.ES256), claims("ROLE_ADMIN SOURCE_ADMIN"), new ECDSASigner(ec));
        assertEquals(new Caller("fred", Set.of("ORG_ADMIN")), direct.authenticate(rsToken));
        assertEquals(new Caller("fred", Set.of("ROLE_ADMIN", "SOURCE_ADMIN")), direct.authenticate(esToken));

        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        JwtAuthenticator fromFile =
                JwtAuthenticator.builder().jwks(jwks).clock(clock).build();
        String withKid = signed(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
                claims(List.of()),
                new RSASSASigner(rsa));
        assertEquals("fred", fromFile.authenticate(withKid).identityId());
        String wrongKid = signed(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("other").build(),
                claims(List.of()),
                new RSASSASigner(rsa));
        assertThrows(AuthenticationException.class, () -> fromFile.authenticate(wrongKid));
        assertEquals("fred", fromFile.authenticate(esToken).identityId());
    }

    @Test
    void refusals() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).generate();
        JwtAuthenticator rsaOnly = JwtAuthenticator.builder()
                .publicKey(rsa.toRSAPublicKey())
                .clock(clock)
                .build();
        // The classic key confusion: an HS256 token whose secret is the server's RSA public key.
        byte[] publicKeyBytes = rsa.toRSAPublicKey().getEncoded();
        String confused = signed(new JWSHeader(JWSAlgorithm.HS256), claims(List.of()), new MACSigner(publicKeyBytes));
        assertEquals(
                "algorithm HS256 is not accepted",
                assertThrows(AuthenticationException.class, () -> rsaOnly.authenticate(confused))
                        .getMessage());
        ECKey ec = new ECKeyGenerator(Curve.P_256).generate();
        String wrongType = signed(new JWSHeader(JWSAlgorithm.ES256), claims(List.of()), new ECDSASigner(ec));
        assertEquals(
                "algorithm ES256 is not accepted",
                assertThrows(AuthenticationException.class, () -> rsaOnly.authenticate(wrongType))
                        .getMessage());

        JwtAuthenticator hs = JwtAuthenticator.builder()
                .hmacSecret("0123456789abcdef0123456789abcdef")
                .clock(clock)
                .clockSkew(Duration.ofSeconds(30))
                .build();
        MACSigner mac = new MACSigner("0123456789abcdef0123456789abcdef".getBytes());
        String ok = signed(new JWSHeader(JWSAlgorithm.HS256), claims(List.of()), mac);
        assertEquals("fred", hs.authenticate(ok).identityId());
        clock.advance(Duration.ofSeconds(320));
        assertEquals("fred", hs.authenticate(ok).identityId(), "within the 30 s skew");
        clock.advance(Duration.ofSeconds(20));
        assertEquals(
                "JWT is expired",
                assertThrows(AuthenticationException.class, () -> hs.authenticate(ok))
                        .getMessage());
        String noExpiry = signed(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().claim("identity_id", "x").build(),
                mac);
        assertEquals(
                "JWT has no expiry",
                assertThrows(AuthenticationException.class, () -> hs.authenticate(noExpiry))
                        .getMessage());
        String noIdentity = signed(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .expirationTime(Date.from(clock.instant().plusSeconds(60)))
                        .build(),
                mac);
        assertTrue(assertThrows(AuthenticationException.class, () -> hs.authenticate(noIdentity))
                .getMessage()
                .contains("identity_id"));
        assertThrows(
                IllegalArgumentException.class, () -> JwtAuthenticator.builder().hmacSecret("short"));
        assertThrows(
                IllegalStateException.class, () -> JwtAuthenticator.builder().build());
        JwtAuthenticator custom = JwtAuthenticator.builder()
                .hmacSecret("0123456789abcdef0123456789abcdef")
                .clock(clock)
                .identityClaim("sub")
                .rolesClaim("roles")
                .build();
        String sub = signed(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("ginger")
                        .claim("roles", List.of("ORG_ADMIN"))
                        .expirationTime(Date.from(clock.instant().plusSeconds(60)))
                        .build(),
                mac);
        assertEquals(new Caller("ginger", Set.of("ORG_ADMIN")), custom.authenticate(sub));
    }
}

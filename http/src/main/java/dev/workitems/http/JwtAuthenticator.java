package dev.workitems.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.workitems.Caller;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies bearer JWTs (D17): HS256/384/512 with a shared secret, RS256/384/512 and PS* with RSA public keys,
 * ES256/384/512 with EC public keys, the keys given directly or in a JWKS file. Unsigned tokens ({@code alg: none}),
 * algorithms no configured key serves (for example HS256 when only an RSA key is configured), bad signatures, missing
 * or past expiry and missing identity claims are refused with a reason. The caller's id and roles come from
 * configurable claims, by default {@code identity_id} and {@code authorities} as in SailPoint's access tokens.
 * Thread-safe.
 */
public final class JwtAuthenticator implements Authenticator {

    private record Key(String kid, Set<JWSAlgorithm> algorithms, JWSVerifier verifier) {}

    private final List<Key> keys;
    private final String identityClaim;
    private final String rolesClaim;
    private final Clock clock;
    private final Duration clockSkew;

    private JwtAuthenticator(Builder b) {
        this.keys = List.copyOf(b.keys);
        this.identityClaim = b.identityClaim;
        this.rolesClaim = b.rolesClaim;
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
    }

    /** @return a builder; give it at least one key */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Caller authenticate(String header) {
        if (header == null || header.isBlank()) {
            throw new AuthenticationException("no bearer token in the Authorization header");
        }
        if (header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException("the Authorization header is not a bearer token");
        }
        String token = header.substring(7).trim();
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationException("the token is malformed");
        }
        if (jwt instanceof PlainJWT) {
            throw new AuthenticationException("unsigned tokens (alg none) are not accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthenticationException("encrypted tokens are not accepted");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        String kid = signed.getHeader().getKeyID();
        boolean algorithmServed = false;
        boolean verified = false;
        for (Key k : keys) {
            if (!k.algorithms().contains(alg) || kid != null && k.kid() != null && !kid.equals(k.kid())) {
                continue;
            }
            algorithmServed = true;
            try {
                if (signed.verify(k.verifier())) {
                    verified = true;
                    break;
                }
            } catch (JOSEException e) {
                // a key of the right type that cannot check this signature: try the next
            }
        }
        if (!algorithmServed) {
            throw new AuthenticationException("algorithm " + alg + " is not accepted");
        }
        if (!verified) {
            throw new AuthenticationException("the signature is invalid");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AuthenticationException("the token's claims are malformed");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw new AuthenticationException("JWT has no expiry");
        }
        if (now.isAfter(claims.getExpirationTime().toInstant().plus(clockSkew))) {
            throw new AuthenticationException("JWT is expired");
        }
        if (claims.getNotBeforeTime() != null
                && now.isBefore(claims.getNotBeforeTime().toInstant().minus(clockSkew))) {
            throw new AuthenticationException("JWT is not valid yet");
        }
        Object id = claims.getClaim(identityClaim);
        if (!(id instanceof String identity) || identity.isBlank()) {
            throw new AuthenticationException("JWT has no " + identityClaim + " claim");
        }
        Object roles = claims.getClaim(rolesClaim);
        Set<String> roleSet = new HashSet<>();
        if (roles instanceof Collection<?> c) {
            for (Object r : c) {
                if (r instanceof String s) {
                    roleSet.add(s);
                }
            }
        } else if (roles instanceof String s) {
            for (String r : s.split("[,\\s]+")) {
                if (!r.isBlank()) {
                    roleSet.add(r);
                }
            }
        }
        return new Caller(identity, roleSet);
    }

    /** Configures a {@link JwtAuthenticator}. Not thread-safe. */
    public static final class Builder {
        private final List<Key> keys = new ArrayList<>();
        private String identityClaim = "identity_id";
        private String rolesClaim = "authorities";
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ZERO;

        private Builder() {}

        /**
         * @param secret a shared secret of at least 32 bytes, for HS256, HS384 and HS512
         * @return this
         * @throws IllegalArgumentException if shorter than 32 bytes
         */
        public Builder hmacSecret(byte[] secret) {
            try {
                keys.add(new Key(
                        null,
                        Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512),
                        new MACVerifier(secret)));
            } catch (JOSEException e) {
                throw new IllegalArgumentException("an HMAC secret needs at least 32 bytes", e);
            }
            return this;
        }

        /** @param secret a shared secret of at least 32 bytes (UTF-8) @return this */
        public Builder hmacSecret(String secret) {
            return hmacSecret(secret.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * @param key an RSA public key (RS256/384/512, PS256/384/512) or an EC public key (ES256/384/512)
         * @return this
         */
        public Builder publicKey(PublicKey key) {
            return publicKey(null, key);
        }

        private Builder publicKey(String kid, PublicKey key) {
            try {
                if (key instanceof RSAPublicKey rsa) {
                    keys.add(new Key(
                            kid,
                            Set.of(
                                    JWSAlgorithm.RS256,
                                    JWSAlgorithm.RS384,
                                    JWSAlgorithm.RS512,
                                    JWSAlgorithm.PS256,
                                    JWSAlgorithm.PS384,
                                    JWSAlgorithm.PS512),
                            new RSASSAVerifier(rsa)));
                } else if (key instanceof ECPublicKey ec) {
                    keys.add(new Key(
                            kid,
                            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512),
                            new ECDSAVerifier(ec)));
                } else {
                    throw new IllegalArgumentException("RSA or EC public key expected, got " + key.getAlgorithm());
                }
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable key: " + e.getMessage(), e);
            }
            return this;
        }

        /**
         * @param file a JWKS file (JSON {@code {"keys":[...]}}); its RSA, EC and octet keys are used, matched by
         *     {@code kid} when the token names one
         * @return this
         * @throws IllegalArgumentException if the file cannot be read or holds no usable key
         */
        public Builder jwks(Path file) {
            try {
                JWKSet set = JWKSet.load(file.toFile());
                int before = keys.size();
                for (JWK jwk : set.getKeys()) {
                    if (jwk instanceof RSAKey rsa) {
                        publicKey(jwk.getKeyID(), rsa.toRSAPublicKey());
                    } else if (jwk instanceof ECKey ec) {
                        publicKey(jwk.getKeyID(), ec.toECPublicKey());
                    } else if (jwk instanceof OctetSequenceKey oct) {
                        keys.add(new Key(
                                jwk.getKeyID(),
                                Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512),
                                new MACVerifier(oct.toByteArray())));
                    }
                }
                if (keys.size() == before) {
                    throw new IllegalArgumentException("no usable key in " + file);
                }
            } catch (IOException | ParseException | JOSEException e) {
                throw new IllegalArgumentException("cannot read JWKS file " + file + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** @param v the claim holding the caller's identity id (default {@code identity_id}) @return this */
        public Builder identityClaim(String v) {
            identityClaim = Objects.requireNonNull(v);
            return this;
        }

        /**
         * @param v the claim holding the caller's roles, a list or a string (default {@code authorities}) @return this
         */
        public Builder rolesClaim(String v) {
            rolesClaim = Objects.requireNonNull(v);
            return this;
        }

        /** @param v the time source for expiry checks (default: the UTC system clock) @return this */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }

        /** @param v tolerance for clocks that disagree (default zero) @return this */
        public Builder clockSkew(Duration v) {
            clockSkew = Objects.requireNonNull(v);
            return this;
        }

        /**
         * @return the authenticator
         * @throws IllegalStateException if no key was given
         */
        public JwtAuthenticator build() {
            if (keys.isEmpty()) {
                throw new IllegalStateException("give at least one key: hmacSecret, publicKey or jwks");
            }
            return new JwtAuthenticator(this);
        }
    }
}

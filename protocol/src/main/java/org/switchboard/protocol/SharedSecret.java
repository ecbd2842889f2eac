package org.switchboard.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret master and agents share: agents obey only callers that present it, and the master accepts registrations
 * and reports only from agents that present it. Sent as {@code Authorization: Bearer <secret>}.
 */
public final class SharedSecret {

    public static final String HEADER = "Authorization";
    private static final String SCHEME = "Bearer ";
    private static final int MINIMUM_LENGTH = 16;

    private final byte[] value;

    public SharedSecret(String value) {
        if (value == null || value.length() < MINIMUM_LENGTH) {
            throw new IllegalArgumentException(
                    "the shared secret (switchboard.secret) must have at least " + MINIMUM_LENGTH + " characters");
        }
        this.value = value.getBytes(StandardCharsets.UTF_8);
    }

    /** The value of the {@value #HEADER} header that proves the caller knows the secret. */
    public String header() {
        return SCHEME + new String(value, StandardCharsets.UTF_8);
    }

    /** Whether an {@value #HEADER} header carries this secret; compares in constant time. */
    public boolean admits(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith(SCHEME)) {
            return false;
        }
        byte[] presented = authorizationHeader.substring(SCHEME.length()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(value, presented);
    }

    /** A key for {@code purpose} derived from the secret (HMAC-SHA256), so the secret itself signs nothing. */
    public byte[] derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(value, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "SharedSecret[***]";
    }
}

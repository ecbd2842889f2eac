package org.switchboard.master.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks redirect tickets: the ticket's fields and expiry, HMAC-SHA256-signed with a key only the master
 * holds, so a client can neither forge a placement nor carry another client's ticket.
 */
public final class Tickets {

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration lifetime;

    public Tickets(byte[] key, Clock clock, Duration lifetime) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public String issue(String clientId, String app, String slave, String server) {
        String payload = String.join("\n", clientId, app, slave, server,
                String.valueOf(clock.instant().plus(lifetime).toEpochMilli()));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(sign(bytes));
    }

    /** The ticket, if it is genuine, unexpired and was issued for this client, application and slave. */
    public Ticket verify(String ticket, String clientId, String app, String slave) {
        String[] parts = ticket.split("\\.", -1);
        byte[] payload;
        byte[] signature;
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException("not two parts");
            }
            payload = DECODE.decode(parts[0]);
            signature = DECODE.decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidTicket("the ticket is malformed");
        }
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            throw new InvalidTicket("the ticket's signature is wrong: it was not issued by this master");
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
        Ticket issued = new Ticket(fields[0], fields[1], fields[2], fields[3],
                Instant.ofEpochMilli(Long.parseLong(fields[4])));
        if (clock.instant().isAfter(issued.expires())) {
            throw new InvalidTicket("the ticket expired at " + issued.expires());
        }
        if (!issued.clientId().equals(clientId) || !issued.app().equals(app)) {
            throw new InvalidTicket("the ticket was issued for another client or application");
        }
        if (!issued.slave().equals(slave)) {
            throw new InvalidTicket("the ticket sends the client to slave " + issued.slave() + ", not " + slave);
        }
        return issued;
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}

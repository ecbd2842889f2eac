package org.switchboard.master.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.switchboard.selection.Candidate;

/**
 * A decision's candidates as the request history keeps them ({@code ClientRequest.reasons}): each candidate's scores,
 * or why it was excluded, in columns rather than an object per candidate, numbers to {@value #DIGITS} significant
 * digits. For candidates {@code a} (chosen, already serving the client), {@code b} (ramping up) and {@code c} (full):
 * <pre>
 * {"servers":["a","b","c"],
 *  "score":[0.25,0.6],"utilisation":[0.25,0.3],"proximity":[3,3],
 *  "servesClient":[0],"slowStartShare":{"1":0.5},
 *  "excluded":{"full: 4 of 4 in use":[2]}}
 * </pre>
 * {@code servers} lists every candidate in rank order; {@code excluded} gives each reason with the indexes (into
 * {@code servers}) of the servers it kept out; {@code score}, {@code utilisation} and {@code proximity} hold one value
 * for each other server, in the same order; {@code servesClient} the indexes of the servers that already ran a program
 * for the client; {@code slowStartShare} the share of the servers ranked with less than their full capacity, by index.
 * <p>
 * Rows written before this form hold a list with an object per candidate ({@code server}, {@code excluded},
 * {@code scores}, as the session's {@code DecisionReport} has them): {@link #read} reads both (docs/database.md).
 */
public final class HistoryReasons {

    /** Significant digits kept of each number: the ranking is kept by the order of {@code servers}, not the scores. */
    public static final int DIGITS = 4;
    private static final MathContext ROUNDING = new MathContext(DIGITS);
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String SERVERS = "servers";
    private static final String SCORE = "score";
    private static final String UTILISATION = "utilisation";
    private static final String PROXIMITY = "proximity";
    private static final String SERVES_CLIENT = "servesClient";
    private static final String SLOW_START_SHARE = "slowStartShare";
    private static final String EXCLUDED = "excluded";
    private static final String SERVER = "server";
    private static final String SCORES = "scores";

    private HistoryReasons() {
    }

    /** The candidates, in rank order, in the compact form. */
    public static String write(List<Candidate> candidates) {
        Map<String, List<Integer>> excluded = new LinkedHashMap<>();
        List<Candidate> eligible = new ArrayList<>();
        List<Integer> servingClient = new ArrayList<>();
        Map<Integer, Double> ramping = new LinkedHashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate candidate = candidates.get(i);
            if (!candidate.eligible()) {
                excluded.computeIfAbsent(candidate.excluded(), reason -> new ArrayList<>()).add(i);
                continue;
            }
            eligible.add(candidate);
            if (candidate.servesClient()) {
                servingClient.add(i);
            }
            if (candidate.slowStartShare() != 1.0) {
                ramping.put(i, candidate.slowStartShare());
            }
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject().writeStartArray(SERVERS);
            candidates.forEach(candidate -> json.write(candidate.server()));
            json.writeEnd().writeStartArray(SCORE);
            eligible.forEach(candidate -> json.write(rounded(candidate.score())));
            json.writeEnd().writeStartArray(UTILISATION);
            eligible.forEach(candidate -> json.write(rounded(candidate.utilisation())));
            json.writeEnd().writeStartArray(PROXIMITY);
            eligible.forEach(candidate -> json.write(candidate.proximity()));
            json.writeEnd().writeStartArray(SERVES_CLIENT);
            servingClient.forEach(json::write);
            json.writeEnd().writeStartObject(SLOW_START_SHARE);
            ramping.forEach((index, share) -> json.write(String.valueOf(index), rounded(share)));
            json.writeEnd().writeStartObject(EXCLUDED);
            excluded.forEach((reason, indexes) -> {
                json.writeStartArray(reason);
                indexes.forEach(json::write);
                json.writeEnd();
            });
            json.writeEnd().writeEnd();
        }
        return text.toString();
    }

    /**
     * The candidates a history row holds, in rank order, in the compact form or the older list form; empty when the
     * row holds none or cannot be read. The numbers are the rounded ones; an excluded candidate has only its name and
     * reason (its other numbers are 0, its share 1).
     */
    public static List<Candidate> read(String reasons) {
        if (reasons == null || reasons.isBlank()) {
            return List.of();
        }
        try (var reader = JSON.createReader(new StringReader(reasons))) {
            JsonStructure json = reader.read();
            return json instanceof JsonObject columns ? fromColumns(columns) : fromList(json.asJsonArray());
        } catch (RuntimeException e) {
            // not JSON, or JSON of another shape (JsonException, ClassCastException, a column missing or too short)
            return List.of();
        }
    }

    private static List<Candidate> fromColumns(JsonObject json) {
        List<String> servers = json.getJsonArray(SERVERS).getValuesAs(JsonString::getString);
        Map<Integer, String> excluded = new LinkedHashMap<>();
        json.getJsonObject(EXCLUDED).forEach((reason, indexes) -> indexes.asJsonArray()
                .getValuesAs(JsonNumber::intValue).forEach(index -> excluded.put(index, reason)));
        List<Integer> servingClient = json.getJsonArray(SERVES_CLIENT).getValuesAs(JsonNumber::intValue);
        JsonObject ramping = json.getJsonObject(SLOW_START_SHARE);
        JsonArray score = json.getJsonArray(SCORE);
        JsonArray utilisation = json.getJsonArray(UTILISATION);
        JsonArray proximity = json.getJsonArray(PROXIMITY);
        List<Candidate> candidates = new ArrayList<>(servers.size());
        int eligible = 0;
        for (int i = 0; i < servers.size(); i++) {
            String reason = excluded.get(i);
            if (reason != null) {
                candidates.add(excludedCandidate(servers.get(i), reason));
                continue;
            }
            JsonNumber share = ramping.getJsonNumber(String.valueOf(i));
            candidates.add(new Candidate(servers.get(i), null, servingClient.contains(i),
                    proximity.getInt(eligible), utilisation.getJsonNumber(eligible).doubleValue(),
                    share == null ? 1.0 : share.doubleValue(), score.getJsonNumber(eligible).doubleValue()));
            eligible++;
        }
        return List.copyOf(candidates);
    }

    private static List<Candidate> fromList(JsonArray json) {
        List<Candidate> candidates = new ArrayList<>(json.size());
        for (JsonValue value : json) {
            JsonObject candidate = value.asJsonObject();
            String server = candidate.getString(SERVER);
            String reason = candidate.getString(EXCLUDED, null);
            if (reason != null || !(candidate.get(SCORES) instanceof JsonObject scores)) {
                candidates.add(excludedCandidate(server, reason));
                continue;
            }
            candidates.add(new Candidate(server, null, scores.getBoolean(SERVES_CLIENT, false),
                    scores.getInt(PROXIMITY, 0), number(scores, UTILISATION, 0.0),
                    number(scores, SLOW_START_SHARE, 1.0), number(scores, SCORE, 0.0)));
        }
        return List.copyOf(candidates);
    }

    private static Candidate excludedCandidate(String server, String reason) {
        return new Candidate(server, reason, false, 0, 0.0, 1.0, 0.0);
    }

    private static double number(JsonObject json, String name, double absent) {
        JsonNumber number = json.getJsonNumber(name);
        return number == null ? absent : number.doubleValue();
    }

    /** {@value #DIGITS} significant digits, written without an exponent for numbers of 1 and more. */
    private static BigDecimal rounded(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).round(ROUNDING).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
    }
}

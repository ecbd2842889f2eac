package org.switchboard.master.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This master's place in its master group (docs/design.md, "The master group"). With
 * {@code switchboard.master.group-size} 1 (the default) a master is a group of its own and always decides. With more,
 * the masters are the members of Payara's data grid ({@link DataGrid}), and exactly one decides:
 * the oldest member, while it sees a majority of the group ({@link GroupView}). A member that does not decide refuses
 * selection requests with {@link NotDeciding}, naming the decider's URL, so slaves go there.
 * <p>
 * When this master becomes the decider, the take-over given to {@link #onTakeOver} runs once before its first
 * decision (the master reloads the sessions running now from the database). Each member publishes its URL and since
 * when it decides in a replicated map of the grid, for the other members' answers and for operators.
 */
@ApplicationScoped
public class MasterGroup {

    private static final Logger LOG = Logger.getLogger(MasterGroup.class.getName());
    private static final String ALONE = "this-master";
    /**
     * Looked up once: {@code Json.createReader} and its kind look the provider up on every call, a search of the
     * whole class path, and every refused selection request of a member that does not decide reads the directory.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    @ConfigProperty(name = "switchboard.master.group-size", defaultValue = "1")
    int groupSize;
    /** Where slaves reach this master; without it, the co-deployed slave's URL (the same server). */
    @Inject
    @ConfigProperty(name = "switchboard.master.advertised-url")
    Optional<String> advertisedUrl;
    @Inject
    @ConfigProperty(name = "switchboard.slave.url")
    Optional<String> slaveUrl;

    private final Clock clock = Clock.systemUTC();
    private final Object transitions = new Object();
    /** The data grid; null for a master of its own, or when the grid is missing (then this master never decides). */
    private DataGrid grid;
    private String gridProblem;
    private volatile boolean deciding;
    private volatile Instant decidingSince;
    private volatile Instant lastDecisionAt;
    private volatile Instant lastRehearsalAt;
    private volatile Runnable takeOver = () -> { };

    @PostConstruct
    void join() {
        if (groupSize < 1) {
            throw new IllegalArgumentException("switchboard.master.group-size must be at least 1, not " + groupSize);
        }
        if (groupSize == 1) {
            deciding = true;
            decidingSince = clock.instant();
            return;
        }
        try {
            grid = DataGrid.lookUp();
        } catch (IllegalStateException e) {
            gridProblem = e.getMessage();
            LOG.severe(() -> "switchboard.master.group-size is " + groupSize + " but " + gridProblem
                    + " (started with --nohazelcast?): this master will not decide");
            return;
        }
        publish();
        LOG.info(() -> "master group of " + groupSize + ": joined the " + grid);
    }

    /** What to do on becoming the decider, before the first decision. */
    public void onTakeOver(Runnable takeOver) {
        this.takeOver = takeOver;
    }

    /**
     * Before a decision: returns if this master decides now (taking over first if it just became the decider), and
     * throws {@link NotDeciding} otherwise.
     */
    public void decideOrRefuse() {
        if (!decides()) {
            if (grid == null) {
                throw new NotDeciding(gridProblem, null);
            }
            View view = view();
            throw new NotDeciding(view.group().whyNotDeciding().orElse("this master is taking over"),
                    deciderUrl(view).orElse(null));
        }
        lastDecisionAt = clock.instant();
    }

    /** This member went through a decision without deciding, to be ready to take over (see the master's timer). */
    public void rehearsed() {
        lastRehearsalAt = clock.instant();
    }

    /** Whether this master decides now; notices (and takes over on) becoming the decider, also between requests. */
    public boolean decides() {
        if (grid == null) {
            return deciding;
        }
        boolean now = view().group().selfDecides();
        if (now != deciding) {
            synchronized (transitions) {
                if (now != deciding) {
                    if (now) {
                        LOG.info("master group: this master decides from now on; taking over");
                        takeOver.run();
                        decidingSince = clock.instant();
                    } else {
                        LOG.warning(() -> "master group: this master no longer decides: "
                                + view().group().whyNotDeciding().orElse(""));
                        decidingSince = null;
                    }
                    deciding = now;
                    publish();
                }
            }
        }
        return now;
    }

    /** The group as this master sees it, for operators. */
    public Status status() {
        boolean decidesNow = decides();
        if (grid == null) {
            String url = ownUrl();
            int majority = new GroupView(List.of(), ALONE, groupSize).majority();
            return new Status(ALONE, groupSize, majority, decidesNow, decidingSince, lastDecisionAt, lastRehearsalAt,
                    decidesNow ? url : null, gridProblem,
                    List.of(new MemberStatus(ALONE, null, url, decidesNow, decidingSince, true)));
        }
        View view = view();
        List<MemberStatus> members = view.members().stream().map(member -> {
            Optional<JsonObject> entry = entry(member.id());
            boolean isDecider = view.group().decider().filter(member.id()::equals).isPresent();
            return new MemberStatus(member.id(), member.address(),
                    entry.map(found -> found.getString("url", null)).orElse(null), isDecider,
                    entry.filter(found -> found.containsKey("decidingSince"))
                            .map(found -> Instant.ofEpochMilli(found.getJsonNumber("decidingSince").longValue()))
                            .orElse(null),
                    member.local());
        }).toList();
        return new Status(view.group().self(), groupSize, view.group().majority(), decidesNow, decidingSince,
                lastDecisionAt, lastRehearsalAt, deciderUrl(view).orElse(null), view.group().whyNotDeciding().orElse(null), members);
    }

    private View view() {
        List<DataGrid.GridMember> members = grid.members();
        return new View(new GroupView(members.stream().map(DataGrid.GridMember::id).toList(), grid.localId(),
                groupSize), members);
    }

    /** This member's entry in the directory: its URL and since when it decides. */
    private void publish() {
        if (grid == null) {
            return;
        }
        try {
            JsonObjectBuilder entry = JSON.createObjectBuilder();
            Optional.ofNullable(ownUrl()).ifPresent(url -> entry.add("url", url));
            Optional.ofNullable(decidingSince).ifPresent(since -> entry.add("decidingSince", since.toEpochMilli()));
            grid.publish(entry.build().toString());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "master group: could not publish this member's entry", e);
        }
    }

    private Optional<JsonObject> entry(String id) {
        return grid.entry(id)
                .map(text -> JSON.createReader(new StringReader(text)).readObject());
    }

    private String ownUrl() {
        return advertisedUrl.or(() -> slaveUrl).map(url -> url.replaceAll("/+$", "")).orElse(null);
    }

    /** The group view with the grid's members, for their addresses and directory entries. */
    private record View(GroupView group, List<DataGrid.GridMember> members) {
    }

    private Optional<String> deciderUrl(View view) {
        return view.group().decider().flatMap(this::entry).map(found -> found.getString("url", null));
    }

    /** The group as one member sees it. */
    public record Status(String self, int groupSize, int majority, boolean deciding, Instant decidingSince,
                         Instant lastDecisionAt, Instant lastRehearsalAt, String decider, String reason,
                         List<MemberStatus> members) {
    }

    /** A member of the group: its grid id and address, where slaves reach it, and whether and since when it decides. */
    public record MemberStatus(String id, String address, String url, boolean deciding, Instant decidingSince,
                               boolean self) {
    }
}

package org.switchboard.master.control;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.replicatedmap.ReplicatedMap;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's data grid (Hazelcast) as the master group uses it: the members, oldest first, and a directory of the
 * members' entries (a replicated map of text, removed when a member leaves). The only class that touches Hazelcast's
 * API, so that a master of its own never loads it.
 */
final class DataGrid {

    private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());
    private static final String DIRECTORY = "switchboard-master-group";

    private final HazelcastInstance grid;
    private final ReplicatedMap<String, String> directory;

    private DataGrid(HazelcastInstance grid) {
        this.grid = grid;
        this.directory = grid.getReplicatedMap(DIRECTORY);
        grid.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                LOG.info(() -> "master group: " + event.getMember() + " joined; members " + event.getMembers());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info(() -> "master group: " + event.getMember() + " left; members " + event.getMembers());
                directory.remove(event.getMember().getUuid().toString());
            }
        });
    }

    /** Payara's data grid ({@code payara/Hazelcast}) when it runs; else an exception saying why not. */
    static DataGrid lookUp() {
        Object found;
        try {
            found = new InitialContext().lookup("payara/Hazelcast");
        } catch (NamingException e) {
            throw new IllegalStateException("Payara's data grid (payara/Hazelcast) is not there: " + e, e);
        }
        if (!(found instanceof HazelcastInstance grid) || !grid.getLifecycleService().isRunning()) {
            throw new IllegalStateException("Payara's data grid (payara/Hazelcast) is not running: " + found);
        }
        return new DataGrid(grid);
    }

    /** A member of the grid: its id, its grid address, whether it is this one. */
    record GridMember(String id, String address, boolean local) {
    }

    /** The members, oldest first: the order is the same on every member that sees the same members. */
    List<GridMember> members() {
        return grid.getCluster().getMembers().stream().map(DataGrid::member).toList();
    }

    String localId() {
        return grid.getCluster().getLocalMember().getUuid().toString();
    }

    void publish(String entry) {
        directory.put(localId(), entry);
    }

    Optional<String> entry(String id) {
        return Optional.ofNullable(directory.get(id));
    }

    private static GridMember member(Member member) {
        return new GridMember(member.getUuid().toString(),
                member.getAddress().getHost() + ":" + member.getAddress().getPort(), member.localMember());
    }

    @Override
    public String toString() {
        return "data grid " + grid.getConfig().getClusterName() + " as " + grid.getCluster().getLocalMember()
                + " with " + grid.getCluster().getMembers();
    }
}

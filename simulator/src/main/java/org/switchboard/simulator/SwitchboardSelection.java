package org.switchboard.simulator;

import org.switchboard.selection.Demand;
import org.switchboard.selection.Location;
import org.switchboard.selection.Selection;
import org.switchboard.selection.SelectionPolicy;

/** The product's selection core, fed the master's view: last report plus own placements since. */
final class SwitchboardSelection implements Placement {

    private final Selection selection;

    SwitchboardSelection(SelectionPolicy policy) {
        this.selection = new Selection(policy);
    }

    @Override
    public String name() {
        return "switchboard";
    }

    @Override
    public int place(SimulatedFleet fleet, String clientId, Location client, long now) {
        return selection.select(fleet.board(now), new Demand(clientId, SimulatedFleet.APP, client)).chosen()
                .map(name -> Integer.parseInt(name.substring(4))).orElse(-1);
    }
}

package org.switchboard.protocol;

/**
 * The master's answer to a selection request (patent Fig. 7, 653): either the session it opened through the
 * requesting slave, or a redirect to the slave that should serve.
 */
public record SelectionInstruction(SessionOpened opened, Redirect redirect) {

    public static SelectionInstruction serve(SessionOpened opened) {
        return new SelectionInstruction(opened, null);
    }

    public static SelectionInstruction redirect(Redirect redirect) {
        return new SelectionInstruction(null, redirect);
    }
}

package org.switchboard.agent.control;

/** A launch instruction this agent did not carry out, with the {@link LaunchProblem} and a reason for people. */
public class LaunchException extends RuntimeException {

    private final LaunchProblem problem;

    public LaunchException(LaunchProblem problem, String reason) {
        super(reason);
        this.problem = problem;
    }

    public LaunchProblem problem() {
        return problem;
    }
}

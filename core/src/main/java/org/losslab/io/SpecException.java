package org.losslab.io;

/**
 * A spec's field holds a value LossLab cannot use. It names the field as the spec and its JSON name it ({@code
 * trainLimit}, {@code eta}), so that a front end can name its own option instead: LossLab's command line turns
 * {@code trainLimit} into {@code --train-limit}. The message is {@code "<field>: <problem>"}.
 */
public class SpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String field;
    private final String problem;

    /**
     * @param field   the field, as the spec's record component and JSON name it
     * @param problem what is wrong with its value, e.g. {@code "must be > 0, got 0"}
     */
    public SpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** @return the field, as the spec names it */
    public String field() {
        return field;
    }

    /** @return what is wrong, without the field's name */
    public String problem() {
        return problem;
    }
}

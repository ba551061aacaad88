package org.losslab.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.io.SpecException;

/**
 * Which candidates a search stops early, after an epoch, as hopeless next to the others: none ({@link #NONE}, the
 * default), the {@link Median median stopping rule} or {@link SuccessiveHalving asynchronous successive halving}.
 * Both look at the spec's {@link Score} per epoch (validation accuracy by default) and run as candidates report, so
 * with several candidates at a time a decision depends on which ones reported first, as in Optuna and Ray Tune.
 *
 * <p>In a spec file: {@code "pruner": "median"} or {@code "asha"} with the defaults, or an object with the rule and
 * its settings, e.g. {@code {"rule": "median", "startupCandidates": 5, "warmupEpochs": 0}} or
 * {@code {"rule": "asha", "minEpochs": 1, "reduction": 3}}.
 */
public sealed interface Pruner permits Pruner.None, Pruner.Median, Pruner.SuccessiveHalving {

    /** Prunes nothing: every candidate trains to its last epoch. */
    Pruner NONE = new None();

    /** {@return the rule's id in spec files: none, median or asha} */
    String rule();

    /** {@return the pruner as a spec file holds it: the rule and its settings} */
    Map<String, Object> toJson();

    /** {@return the median stopping rule with Optuna's defaults (5 finished candidates first, no warm-up)} */
    static Pruner median() {
        return new Median(5, 0);
    }

    /** {@return asynchronous successive halving with Hyperband's defaults (rungs at 1, 3, 9, … epochs)} */
    static Pruner successiveHalving() {
        return new SuccessiveHalving(1, 3);
    }

    /** Prunes nothing. */
    record None() implements Pruner {
        @Override
        public String rule() {
            return "none";
        }

        @Override
        public Map<String, Object> toJson() {
            return Map.of("rule", rule());
        }
    }

    /**
     * The median stopping rule (Golovin et al., Google Vizier, 2017; Optuna's {@code MedianPruner}): after epoch t, a
     * candidate stops when its best score so far is worse than the median score at epoch t of the candidates that
     * trained to their end, once at least {@code startupCandidates} have.
     *
     * @param startupCandidates candidates that must have trained to their end before any is pruned (at least 1)
     * @param warmupEpochs      epochs every candidate trains before it can be pruned (at least 0)
     */
    record Median(int startupCandidates, int warmupEpochs) implements Pruner {
        /** Checks both settings. */
        public Median {
            if (startupCandidates < 1) {
                throw new SpecException("pruner", "startupCandidates must be >= 1, got " + startupCandidates);
            }
            if (warmupEpochs < 0) {
                throw new SpecException("pruner", "warmupEpochs must be >= 0, got " + warmupEpochs);
            }
        }

        @Override
        public String rule() {
            return "median";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rule", rule());
            json.put("startupCandidates", startupCandidates);
            json.put("warmupEpochs", warmupEpochs);
            return json;
        }
    }

    /**
     * Asynchronous successive halving (ASHA: Li et al., 2018; Optuna's {@code SuccessiveHalvingPruner}, Ray Tune's
     * {@code ASHAScheduler}): rungs at {@code minEpochs}·{@code reduction}<sup>k</sup> epochs (before the last epoch);
     * a candidate reaching a rung goes on only when its score there is among the best 1/{@code reduction} of every
     * score recorded at that rung so far, its own included (at least the best one goes on; ties go on).
     *
     * @param minEpochs the first rung: epochs every candidate trains (at least 1)
     * @param reduction how much fewer candidates pass each rung (at least 2)
     */
    record SuccessiveHalving(int minEpochs, int reduction) implements Pruner {
        /** Checks both settings. */
        public SuccessiveHalving {
            if (minEpochs < 1) {
                throw new SpecException("pruner", "minEpochs must be >= 1, got " + minEpochs);
            }
            if (reduction < 2) {
                throw new SpecException("pruner", "reduction must be >= 2, got " + reduction);
            }
        }

        @Override
        public String rule() {
            return "asha";
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("rule", rule());
            json.put("minEpochs", minEpochs);
            json.put("reduction", reduction);
            return json;
        }

        /**
         * {@return whether epoch {@code epoch} is a rung of a candidate that trains {@code epochs} epochs}
         *
         * @param epoch  an epoch, from 1
         * @param epochs the candidate's last epoch (never a rung: nothing is left to save there)
         */
        public boolean isRung(int epoch, int epochs) {
            if (epoch >= epochs) {
                return false;
            }
            for (long rung = minEpochs; rung <= epoch; rung *= reduction) {
                if (rung == epoch) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@return the rule for an id (none, median, asha) with its defaults}
     *
     * @param rule the id
     * @throws SpecException naming the valid ids
     */
    static Pruner of(String rule) {
        return switch (rule) {
            case "none" -> NONE;
            case "median" -> median();
            case "asha" -> successiveHalving();
            default -> throw new SpecException("pruner", "unknown rule '" + rule + "'; valid: none, median, asha");
        };
    }

    /**
     * {@return the pruner a spec file gives: a rule's id, or an object of the rule and its settings}
     *
     * @param node the {@code "pruner"} field
     * @throws SpecException naming what is wrong
     */
    static Pruner fromJson(JsonNode node) {
        if (node.isTextual()) {
            return of(node.asText());
        }
        if (!node.isObject()) {
            throw new SpecException("pruner", "must be a rule (\"none\", \"median\", \"asha\") or an object with "
                    + "\"rule\" and its settings, got " + node);
        }
        JsonNode rule = node.get("rule");
        if (rule == null || !rule.isTextual()) {
            throw new SpecException("pruner", "needs \"rule\": \"none\", \"median\" or \"asha\"");
        }
        Pruner defaults = of(rule.asText());
        List<String> valid = List.copyOf(defaults.toJson().keySet());
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!valid.contains(name)) {
                throw new SpecException("pruner", "unknown field '" + name + "' for rule " + defaults.rule()
                        + "; valid: " + String.join(", ", valid));
            }
        }
        if (defaults instanceof Median median) {
            return new Median(integer(node, "startupCandidates", median.startupCandidates()),
                    integer(node, "warmupEpochs", median.warmupEpochs()));
        }
        if (defaults instanceof SuccessiveHalving halving) {
            return new SuccessiveHalving(integer(node, "minEpochs", halving.minEpochs()),
                    integer(node, "reduction", halving.reduction()));
        }
        return defaults;
    }

    private static int integer(JsonNode node, String field, int otherwise) {
        JsonNode value = node.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!value.isInt()) {
            throw new SpecException("pruner", field + " must be a whole number, got " + value);
        }
        return value.intValue();
    }
}

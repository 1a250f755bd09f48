package dev.blueprint.internal.ratelimit;

import java.time.Duration;
import java.time.Instant;

/** A declared budget ({@code rate_limit.budget}) that hands out request slots. */
public interface RequestBudget {
    /** Zero and a slot taken when a request may go now, else how long until one may. */
    Duration reserve(Instant now);
}

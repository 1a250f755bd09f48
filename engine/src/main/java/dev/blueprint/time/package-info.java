/** Time as the engine uses it: the real-time {@link dev.blueprint.spi.Scheduler}. Tests inject virtual time instead. */
package dev.blueprint.time;

/**
 * Credential stores the engine ships, and the parts a JDBC store is built from.
 *
 * <ul>
 *   <li>{@link dev.blueprint.store.SqliteCredentialStore}: the embedded default, one SQLite file shared safely by
 *       every process on the machine.</li>
 *   <li>{@link dev.blueprint.store.InMemoryCredentialStore}: for tests and short-lived processes.</li>
 *   <li>{@link dev.blueprint.store.ConnectionRows}, {@link dev.blueprint.store.TokenCipher} and
 *       {@link dev.blueprint.store.ReadCache}: the connections table in SQL that SQLite and PostgreSQL both accept,
 *       token encryption at rest, and a short read cache; {@code blueprint-postgres} builds its store on them.</li>
 * </ul>
 *
 * The contract every store keeps is {@link dev.blueprint.spi.CredentialStore}.
 */
package dev.blueprint.store;

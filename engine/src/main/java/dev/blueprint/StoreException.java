package dev.blueprint;

/**
 * The credential store or the shared rate limits cannot do their work: the database is unreachable, its schema
 * cannot be migrated, or a connection stayed locked past the lock timeout. Messages name the store (never its
 * password) and say what to do.
 */
public class StoreException extends BlueprintException {
    public StoreException(String message, Throwable cause) {
        super("store", message, cause);
    }
}

package dev.blueprint;

/**
 * The credential store or the shared rate limits cannot do their work: the database is unreachable, its schema
 * cannot be migrated, a connection stayed locked past the lock timeout, the key does not fit the store, or a
 * connection to update does not exist; the same for every store. Messages name the store (never its
 * password) and say what to do.
 */
public class StoreException extends BlueprintException {
    public StoreException(String message, Throwable cause) {
        super("store", message, cause);
    }
}

package dev.blueprint.postgres;

/** Takes a connection's lock through the store and never lets go: the parent kills it with SIGKILL. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (PostgresBackend backend = PostgresBackend.open(args[0], PostgresOptions.defaults())) {
            backend.credentialStore().update("acme", "c1", connection -> {
                System.out.println("locked");
                System.out.flush();
                Object forever = new Object();
                synchronized (forever) {
                    try {
                        forever.wait(); // holds the row lock until the process dies
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return connection;
            });
        }
    }
}

package org.gatepost.hub.store;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database the hub uses: a PostgreSQL server when {@code url} is present
 * ({@code jdbc:postgresql://host:port[,host2:port]/db?targetServerType=primary}, with {@code username} and
 * {@code password}), else the SQLite file at {@code path}. Validated by the hub's configuration, which names the
 * keys ({@code store.url}, {@code store.username}, {@code store.password}, {@code store.path}).
 */
public record StoreSettings(Path path, Optional<String> url, Optional<String> username, Optional<String> password) {
    public StoreSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public static StoreSettings sqlite(Path path) {
        return new StoreSettings(path, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return url.map(u ->
                        "StoreSettings[url=" + PostgresHubStore.redact(u) + ", username=" + username.orElse("") + "]")
                .orElse("StoreSettings[path=" + path + "]");
    }
}

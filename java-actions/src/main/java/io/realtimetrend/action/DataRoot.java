package io.realtimetrend.action;

import io.realtimetrend.contract.DataLayout;
import java.io.File;
import java.net.URI;
import java.util.Objects;

/** Turns the {@code --data-root} option (a Hadoop URI or a local directory) into a qualified {@link DataLayout}. */
public final class DataRoot {

    private DataRoot() {
    }

    /** {@code hdfs://…} and {@code file:/…} stay as given; a plain path becomes an absolute {@code file:} URI. */
    public static DataLayout layout(String dataRoot) {
        Objects.requireNonNull(dataRoot, "dataRoot is null");
        URI uri = URI.create(dataRoot.replace(" ", "%20"));
        if (uri.getScheme() != null) {
            return new DataLayout(dataRoot);
        }
        return new DataLayout(new File(dataRoot).getAbsoluteFile().toPath().normalize().toUri().toString());
    }
}

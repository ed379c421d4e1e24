package io.github.vaultx.raft.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.vaultx.raft.internal.generated.model.RaftAutoSnapshotConfigRequestWire;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Lets an auto-snapshot configuration carry parameters the generated model does not know (ones a
 * newer Vault added): a {@link ParameterRequest} is written as its parameter map, under Vault's
 * names.
 */
final class AutoSnapshotRequestAdapterFactory implements JsonAdapter.Factory {

  /** A request body given as Vault's parameter map. */
  static final class ParameterRequest extends RaftAutoSnapshotConfigRequestWire {
    private final transient Map<String, Object> parameters;

    ParameterRequest(Map<String, Object> parameters) {
      this.parameters = Map.copyOf(parameters);
    }

    @Override
    public String toString() {
      return "ParameterRequest";
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ParameterRequest && ((ParameterRequest) o).parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
      return parameters.hashCode();
    }
  }

  @Override
  public @Nullable JsonAdapter<?> create(
      Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (Types.getRawType(type) != RaftAutoSnapshotConfigRequestWire.class
        || !annotations.isEmpty()) {
      return null;
    }
    JsonAdapter<RaftAutoSnapshotConfigRequestWire> delegate =
        moshi.nextAdapter(this, RaftAutoSnapshotConfigRequestWire.class, annotations);
    JsonAdapter<Map<String, Object>> maps =
        moshi.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
    return new JsonAdapter<RaftAutoSnapshotConfigRequestWire>() {
      @Override
      public @Nullable RaftAutoSnapshotConfigRequestWire fromJson(JsonReader reader)
          throws IOException {
        return delegate.fromJson(reader);
      }

      @Override
      public void toJson(JsonWriter writer, @Nullable RaftAutoSnapshotConfigRequestWire value)
          throws IOException {
        if (value instanceof ParameterRequest) {
          maps.toJson(writer, ((ParameterRequest) value).parameters);
        } else {
          delegate.toJson(writer, value);
        }
      }
    };
  }
}

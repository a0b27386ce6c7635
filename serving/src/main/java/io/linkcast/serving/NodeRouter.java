package io.linkcast.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkcast.serving.topology.NodePartitioner;
import io.linkcast.serving.topology.TopologySettings;
import io.linkcast.state.NodeKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Where a node's record is, and its bytes: with node state partitioned over several instances, a node lives at the
 * instance running its owner partition's active task (Kafka Streams' key query metadata, with the chain's own
 * partitioner), and the records of other instances' nodes are fetched from them over HTTP
 * ({@code POST /internal/states}). Sequential, or partitioned without {@code application.server} (one instance),
 * every record is local.
 */
final class NodeRouter {
    static final String PATH = "/internal/states";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaStreams streams;
    private final TopologySettings topology;
    /** This instance as other instances reach it; null when it does not route. */
    private final HostInfo self;
    private final String readToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    NodeRouter(KafkaStreams streams, TopologySettings topology, HostInfo self, String readToken) {
        this.streams = streams;
        this.topology = topology;
        this.self = self;
        this.readToken = readToken;
    }

    /** A node's stored record and external id (each null when unknown), wherever it lives. */
    record Found(byte[] record, String externalId) {
    }

    /** The records of {@code ids}, aligned with them. Throws InvalidStateStoreException while an owner is unknown. */
    List<Found> find(long[] ids) {
        List<Found> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(null);
        }
        Map<HostInfo, List<Integer>> remote = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Optional<KeyQueryMetadata> owner = owner(ids[i]);
            if (owner.isEmpty() || owner.get().activeHost().equals(self)) {
                out.set(i, local(ids[i], owner.map(KeyQueryMetadata::partition)));
            } else {
                remote.computeIfAbsent(owner.get().activeHost(), h -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<HostInfo, List<Integer>> e : remote.entrySet()) {
            long[] asked = e.getValue().stream().mapToLong(i -> ids[i]).toArray();
            List<Found> found = fetch(e.getKey(), asked);
            for (int k = 0; k < asked.length; k++) {
                out.set(e.getValue().get(k), found.get(k));
            }
        }
        return out;
    }

    /** The records this instance holds, for a peer's request; an id it does not own is refused (the peer retries). */
    List<Found> local(long[] ids) {
        List<Found> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            Optional<KeyQueryMetadata> owner = owner(id);
            if (owner.isPresent() && !owner.get().activeHost().equals(self)) {
                throw new InvalidStateStoreException("node " + id + " is owned by " + owner.get().activeHost()
                        + ", not by this instance (a rebalance moved it)");
            }
            out.add(local(id, owner.map(KeyQueryMetadata::partition)));
        }
        return out;
    }

    /** The active owner of {@code id}, when this instance routes (partitioned, with a known address). */
    private Optional<KeyQueryMetadata> owner(long id) {
        if (self == null || !topology.partitioned()) {
            return Optional.empty();
        }
        StreamPartitioner<Bytes, Object> byNode = (topic, key, value, n) -> Optional.of(Set.of(NodePartitioner.owner(id, n)));
        KeyQueryMetadata md = streams.queryMetadataForKey(TopologySettings.NODE_STATE_STORE, NodeKeys.toKey(id), byNode);
        if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new InvalidStateStoreException("the owner of node " + id + " is not known yet (starting or rebalancing)");
        }
        return Optional.of(md);
    }

    private Found local(long id, Optional<Integer> partition) {
        byte[] record = store(TopologySettings.NODE_STATE_STORE, partition).get(NodeKeys.toKey(id));
        String external = id >= 0 ? Long.toString(id) : externalId(id, partition);
        return new Found(record, external);
    }

    private String externalId(long id, Optional<Integer> partition) {
        byte[] key = store(TopologySettings.EXTERNAL_IDS_STORE, partition).get(NodeKeys.toKey(id));
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> store(String name, Optional<Integer> partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<Bytes, byte[]>> q = StoreQueryParameters.fromNameAndType(name,
                QueryableStoreTypes.keyValueStore());
        return streams.store(partition.isPresent() ? q.withPartition(partition.get()) : q);
    }

    /** The peer's answer for {@code ids}; a peer that cannot answer makes the query a 503 (try again). */
    private List<Found> fetch(HostInfo host, long[] ids) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("ids");
        for (long id : ids) {
            list.add(id);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + PATH))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (!readToken.isEmpty()) {
            request.header("Authorization", "Bearer " + readToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new InvalidStateStoreException("instance " + host + " answered " + response.statusCode()
                        + " for the nodes it owns: " + response.body());
            }
            JsonNode found = JSON.readTree(response.body()).get("found");
            List<Found> out = new ArrayList<>(ids.length);
            for (JsonNode f : found) {
                JsonNode record = f.get("record");
                JsonNode external = f.get("external");
                out.add(new Found(record.isNull() ? null : Base64.getDecoder().decode(record.textValue()),
                        external.isNull() ? null : external.textValue()));
            }
            return out;
        } catch (IOException e) {
            throw new InvalidStateStoreException("instance " + host + " owning the nodes is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidStateStoreException("interrupted while asking " + host);
        }
    }

    /** The JSON answer of {@link #PATH} for {@code found}, aligned with the ids asked. */
    static Map<String, Object> answer(List<Found> found) {
        List<Map<String, Object>> out = new ArrayList<>(found.size());
        for (Found f : found) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("record", f.record() == null ? null : Base64.getEncoder().encodeToString(f.record()));
            m.put("external", f.externalId());
            out.add(m);
        }
        return Map.of("found", out);
    }
}

package io.linkcast.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkcast.serving.topology.NodePartitioner;
import io.linkcast.serving.topology.TopologySettings;
import io.linkcast.state.NodeKeys;
import io.linkcast.state.NodeStores;
import io.linkcast.state.QueryableNodeStore;
import io.linkcast.state.StateCodec;
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
import java.util.function.Function;
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
 * Where a node's state is, and the state: with node state partitioned over several instances, a node lives at the
 * instance running its owner partition's active task (Kafka Streams' key query metadata, with the chain's own
 * partitioner), and the records of other instances' nodes are fetched from them over HTTP
 * ({@code POST /internal/states}). Sequential, or partitioned without {@code application.server} (one instance),
 * every node is local, read through the node store's layer and its decoded-state cache.
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

    /** A node's stored record and external id (each null when unknown), as an owner answers a peer. */
    record Found(byte[] record, String externalId) {
    }

    /**
     * The states of {@code ids} in {@code codec}, aligned with them (null for a node never stored): this instance's
     * through its node store's decoded-state cache, other instances' decoded from the records they send. Throws
     * InvalidStateStoreException while an owner is unknown.
     */
    <S> List<S> states(long[] ids, StateCodec<S> codec) {
        return route(ids, (id, partition) -> nodes(partition).state(id, codec),
                found -> found.record() == null ? null : codec.decode(found.record()));
    }

    /** The external ids of {@code ids}, aligned with them (null where unknown), wherever the nodes live. */
    List<String> externalIds(long[] ids) {
        return route(ids, this::externalId, Found::externalId);
    }

    /** What this instance reads of a node it owns, from the stores of {@code partition} (all of its own if empty). */
    private interface LocalRead<T> {
        T read(long id, Optional<Integer> partition);
    }

    /** Each id read here when this instance owns it, else taken from its owner's answer; aligned with {@code ids}. */
    private <T> List<T> route(long[] ids, LocalRead<T> local, Function<Found, T> remote) {
        List<T> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(null);
        }
        Map<HostInfo, List<Integer>> elsewhere = new LinkedHashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Optional<KeyQueryMetadata> owner = owner(ids[i]);
            if (owner.isEmpty() || owner.get().activeHost().equals(self)) {
                out.set(i, local.read(ids[i], owner.map(KeyQueryMetadata::partition)));
            } else {
                elsewhere.computeIfAbsent(owner.get().activeHost(), h -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<HostInfo, List<Integer>> e : elsewhere.entrySet()) {
            long[] asked = e.getValue().stream().mapToLong(i -> ids[i]).toArray();
            List<Found> found = fetch(e.getKey(), asked);
            for (int k = 0; k < asked.length; k++) {
                out.set(e.getValue().get(k), remote.apply(found.get(k)));
            }
        }
        return out;
    }

    /**
     * The records this instance holds, for a peer's request; an id it does not own is refused (the peer retries). As
     * stored, below the decoded-state cache: the peer decodes them in its own codec.
     */
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
        return new Found(nodes(partition).record(id), externalId(id, partition));
    }

    private String externalId(long id, Optional<Integer> partition) {
        if (id >= 0) {
            return Long.toString(id);
        }
        byte[] key = externalIds(partition).get(NodeKeys.toKey(id));
        return key == null ? null : new String(key, StandardCharsets.UTF_8);
    }

    /** The node states of {@code partition}'s task, or of all this instance's: the layer the processors write through. */
    private QueryableNodeStore nodes(Optional<Integer> partition) {
        return streams.store(at(StoreQueryParameters.fromNameAndType(TopologySettings.NODE_STATE_STORE,
                NodeStores.queryableNodeStates()), partition));
    }

    private ReadOnlyKeyValueStore<Bytes, byte[]> externalIds(Optional<Integer> partition) {
        return streams.store(at(StoreQueryParameters.fromNameAndType(TopologySettings.EXTERNAL_IDS_STORE,
                QueryableStoreTypes.<Bytes, byte[]>keyValueStore()), partition));
    }

    private static <T> StoreQueryParameters<T> at(StoreQueryParameters<T> q, Optional<Integer> partition) {
        return partition.isPresent() ? q.withPartition(partition.get()) : q;
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

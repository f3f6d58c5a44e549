package dev.trellis.platform.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

import java.util.ArrayList;
import java.util.List;

/** A poll's records as a list in the order Kafka hands them over: partition by partition, each in offset order. */
public final class Batches {
    public static <K, V> List<ConsumerRecord<K, V>> list(ConsumerRecords<K, V> records) {
        List<ConsumerRecord<K, V>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    private Batches() {
    }
}

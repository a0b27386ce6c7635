#!/bin/bash
# The apache/kafka image's console consumer, at the same path (docker/compose-test reads predictions with it).
exec java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp '/opt/kafka/libs/*' org.apache.kafka.tools.consumer.ConsoleConsumer "$@"

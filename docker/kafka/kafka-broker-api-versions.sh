#!/bin/bash
# The apache/kafka image's health probe, at the same path, so that one compose file serves both images.
exec java -Xmx128m -cp '/opt/kafka/libs/*' org.apache.kafka.tools.BrokerApiVersionsCommand "$@"

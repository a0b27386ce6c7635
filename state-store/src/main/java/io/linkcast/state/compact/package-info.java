/**
 * Compact node state: the precision records are made at ({@link io.linkcast.state.compact.StatePrecision}, a
 * value that whoever makes records, a model, holds and passes: nothing here reads a setting), half-precision and
 * 8-bit vector forms ({@link io.linkcast.state.compact.Half}, {@link io.linkcast.state.compact.Snapshot8}), and
 * the lossless byte forms the codecs write with them ({@link io.linkcast.state.compact.RecordWriter},
 * {@link io.linkcast.state.compact.RecordReader}).
 */
package io.linkcast.state.compact;

/**
 * Decoding of TensorBoard `Event` protos (tensorboard/compat/proto/event.proto, summary.proto,
 * tensor.proto) and of the hparams plugin's `HParamsPluginData` (plugins/hparams/plugin_data.proto),
 * only the fields the importer uses. Field numbers:
 *   Event: wall_time 1 (double), step 2, file_version 3, graph_def 4, summary 5, log_message 6,
 *     session_log 7, tagged_run_metadata 8, meta_graph_def 9, source_metadata 10.
 *   Summary: value 1. Value: tag 1, simple_value 2 (float), obsolete_old_style_histogram 3,
 *     image 4, histo 5, audio 6, node_name 7, tensor 8, metadata 9.
 *   SummaryMetadata: plugin_data 1 (plugin_name 1, content 2), display_name 2, description 3,
 *     data_class 4.
 *   TensorProto: dtype 1, tensor_shape 2 (dim 2: size 1), tensor_content 4, float_val 5,
 *     double_val 6, int_val 7, string_val 8, int64_val 10, bool_val 11, half_val 13.
 *   HParamsPluginData: version 1, experiment 2, session_start_info 3, session_end_info 4.
 *   SessionStartInfo: hparams 1 (map<string, google.protobuf.Value>), model_uri 2, monitor_url 3,
 *     group_name 4, start_time_secs 5. SessionEndInfo: status 1, end_time_secs 2.
 *   google.protobuf.Value: null 1, number 2, string 3, bool 4, struct 5 (fields 1: map), list 6 (values 1).
 */
import { ProtoReader, WIRE_I32, WIRE_I64, WIRE_LEN, WIRE_VARINT } from "../protobuf/wire.ts";
import { ownRecord, setOwn } from "../../ownRecord.ts";

export type EventKind = "file_version" | "graph_def" | "summary" | "log_message" | "session_log" | "tagged_run_metadata" | "meta_graph_def" | "none";

export interface TensorInfo {
  dtype: number;
  /** Number of elements from the shape (1 for a scalar / no shape). */
  elements: number;
  /** The shape's dimension sizes ([] for a scalar). */
  dims: number[];
  /** `string_val` entries (DT_STRING tensors: text, encoded images). */
  stringVal: Uint8Array[];
  content: Uint8Array | null;
  floatVal: number[];
  doubleVal: number[];
  intVal: number[];
  int64Val: number[];
  halfVal: number[];
}

export interface SummaryValue {
  tag: string;
  kind: "simple_value" | "histogram" | "image" | "audio" | "tensor" | "none";
  simpleValue: number;
  tensor: TensorInfo | null;
  pluginName: string | null;
  pluginContent: Uint8Array | null;
  dataClass: number;
  /** The encoded Image, HistogramProto or Audio message of `image`, `histogram` and `audio` values. */
  raw: Uint8Array | null;
}

export interface TbEvent {
  wallTime: number;
  step: number;
  kind: EventKind;
  values: SummaryValue[];
}

const EVENT_KINDS: Record<number, EventKind> = {
  3: "file_version",
  4: "graph_def",
  5: "summary",
  6: "log_message",
  7: "session_log",
  8: "tagged_run_metadata",
  9: "meta_graph_def",
};

export function decodeEvent(data: Uint8Array): TbEvent {
  const r = new ProtoReader(data);
  const ev: TbEvent = { wallTime: 0, step: 0, kind: "none", values: [] };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_I64) ev.wallTime = r.double();
    else if (field === 2 && wire === WIRE_VARINT) ev.step = r.int64();
    else if (field === 5 && wire === WIRE_LEN) {
      ev.kind = "summary";
      const s = r.message();
      while (!s.done()) {
        const t = s.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) ev.values.push(decodeValue(s.message()));
        else s.skip(t.wire);
      }
    } else {
      if (EVENT_KINDS[field]) ev.kind = EVENT_KINDS[field]!;
      r.skip(wire);
    }
  }
  return ev;
}

function decodeValue(r: ProtoReader): SummaryValue {
  const v: SummaryValue = { tag: "", kind: "none", simpleValue: NaN, tensor: null, pluginName: null, pluginContent: null, dataClass: 0, raw: null };
  let nodeName = "";
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) v.tag = r.string();
    else if (field === 7 && wire === WIRE_LEN) nodeName = r.string();
    else if (field === 2 && wire === WIRE_I32) {
      v.kind = "simple_value";
      v.simpleValue = r.float();
    } else if (field === 3 && wire === WIRE_LEN) {
      v.kind = "histogram";
      r.skip(wire);
    } else if (field === 5 && wire === WIRE_LEN) {
      v.kind = "histogram";
      v.raw = r.bytes();
    } else if (field === 4 && wire === WIRE_LEN) {
      v.kind = "image";
      v.raw = r.bytes();
    } else if (field === 6 && wire === WIRE_LEN) {
      v.kind = "audio";
      v.raw = r.bytes();
    } else if (field === 8 && wire === WIRE_LEN) {
      v.kind = "tensor";
      v.tensor = decodeTensor(r.message());
    } else if (field === 9 && wire === WIRE_LEN) {
      const m = r.message();
      while (!m.done()) {
        const t = m.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) {
          const p = m.message();
          while (!p.done()) {
            const pt = p.tag();
            if (pt.field === 1 && pt.wire === WIRE_LEN) v.pluginName = p.string();
            else if (pt.field === 2 && pt.wire === WIRE_LEN) v.pluginContent = p.bytes();
            else p.skip(pt.wire);
          }
        } else if (t.field === 4 && t.wire === WIRE_VARINT) v.dataClass = m.varint();
        else m.skip(t.wire);
      }
    } else r.skip(wire);
  }
  if (v.tag === "") v.tag = nodeName;
  return v;
}

function decodeTensor(r: ProtoReader): TensorInfo {
  const t: TensorInfo = { dtype: 0, elements: 1, dims: [], stringVal: [], content: null, floatVal: [], doubleVal: [], intVal: [], int64Val: [], halfVal: [] };
  while (!r.done()) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        if (wire === WIRE_VARINT) {
          t.dtype = r.varint();
          continue;
        }
        break;
      case 2:
        if (wire === WIRE_LEN) {
          const s = r.message();
          let elements = 1;
          while (!s.done()) {
            const st = s.tag();
            if (st.field === 2 && st.wire === WIRE_LEN) {
              const d = s.message();
              let size = 0;
              while (!d.done()) {
                const dt = d.tag();
                if (dt.field === 1 && dt.wire === WIRE_VARINT) size = d.int64();
                else d.skip(dt.wire);
              }
              elements *= size;
              t.dims.push(size);
            } else s.skip(st.wire);
          }
          t.elements = elements;
          continue;
        }
        break;
      case 4:
        if (wire === WIRE_LEN) {
          t.content = r.bytes();
          continue;
        }
        break;
      case 5:
        r.repeated(wire, (x) => x.float(), t.floatVal);
        continue;
      case 6:
        r.repeated(wire, (x) => x.double(), t.doubleVal);
        continue;
      case 7:
        r.repeated(wire, (x) => x.int64(), t.intVal);
        continue;
      case 8:
        if (wire === WIRE_LEN) {
          t.stringVal.push(r.bytes());
          continue;
        }
        break;
      case 10:
        r.repeated(wire, (x) => x.int64(), t.int64Val);
        continue;
      case 13:
        r.repeated(wire, (x) => x.varint(), t.halfVal);
        continue;
    }
    r.skip(wire);
  }
  return t;
}

const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_INT64 = 9;
const DT_BFLOAT16 = 14;
const DT_HALF = 19;

/** Every number of a float/double/int tensor in row-major order, or undefined for other dtypes. */
export function numbersFromTensor(t: TensorInfo): number[] | undefined {
  const c = t.content;
  if (c && c.length > 0) {
    const view = new DataView(c.buffer, c.byteOffset, c.byteLength);
    const width = t.dtype === DT_FLOAT || t.dtype === DT_INT32 ? 4 : t.dtype === DT_DOUBLE || t.dtype === DT_INT64 ? 8 : 0;
    if (width === 0 || c.length % width !== 0) return undefined;
    const out: number[] = [];
    for (let i = 0; i < c.length; i += width) {
      if (t.dtype === DT_FLOAT) out.push(view.getFloat32(i, true));
      else if (t.dtype === DT_DOUBLE) out.push(view.getFloat64(i, true));
      else if (t.dtype === DT_INT32) out.push(view.getInt32(i, true));
      else out.push(Number(view.getBigInt64(i, true)));
    }
    return out;
  }
  switch (t.dtype) {
    case DT_FLOAT:
      return t.floatVal;
    case DT_DOUBLE:
      return t.doubleVal;
    case DT_INT32:
      return t.intVal;
    case DT_INT64:
      return t.int64Val;
  }
  return undefined;
}

/** The single number in a scalar tensor, or undefined when it is not a one-element numeric tensor. */
export function scalarFromTensor(t: TensorInfo): number | undefined {
  if (t.elements !== 1) return undefined;
  const c = t.content;
  const view = c ? new DataView(c.buffer, c.byteOffset, c.byteLength) : null;
  switch (t.dtype) {
    case DT_FLOAT:
      if (view && c!.length === 4) return view.getFloat32(0, true);
      return t.floatVal.length === 1 ? t.floatVal[0] : undefined;
    case DT_DOUBLE:
      if (view && c!.length === 8) return view.getFloat64(0, true);
      return t.doubleVal.length === 1 ? t.doubleVal[0] : undefined;
    case DT_INT32:
      if (view && c!.length === 4) return view.getInt32(0, true);
      return t.intVal.length === 1 ? t.intVal[0] : undefined;
    case DT_INT64:
      if (view && c!.length === 8) return Number(view.getBigInt64(0, true));
      return t.int64Val.length === 1 ? t.int64Val[0] : undefined;
    case DT_HALF:
      if (view && c!.length === 2) return halfToNumber(view.getUint16(0, true));
      return t.halfVal.length === 1 ? halfToNumber(t.halfVal[0]!) : undefined;
    case DT_BFLOAT16: {
      const bits = view && c!.length === 2 ? view.getUint16(0, true) : t.halfVal.length === 1 ? t.halfVal[0]! : undefined;
      if (bits === undefined) return undefined;
      const dv = new DataView(new ArrayBuffer(4));
      dv.setUint32(0, (bits & 0xffff) << 16);
      return dv.getFloat32(0);
    }
  }
  return undefined;
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

export interface HParamsData {
  kind: "experiment" | "session_start" | "session_end" | "none";
  hparams: Record<string, unknown>;
  groupName: string;
  startTime: number | null;
  /** SessionEndInfo status: 0 unknown, 1 success, 2 failure, 3 running. */
  status: number;
  endTime: number | null;
}

export function decodeHParams(content: Uint8Array): HParamsData {
  const r = new ProtoReader(content);
  const out: HParamsData = { kind: "none", hparams: {}, groupName: "", startTime: null, status: 0, endTime: null };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 2 && wire === WIRE_LEN) {
      out.kind = "experiment";
      r.skip(wire);
    } else if (field === 3 && wire === WIRE_LEN) {
      out.kind = "session_start";
      const s = r.message();
      while (!s.done()) {
        const t = s.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) {
          const [k, v] = decodeMapEntry(s.message());
          setOwn(out.hparams, k, v);
        } else if (t.field === 4 && t.wire === WIRE_LEN) out.groupName = s.string();
        else if (t.field === 5 && t.wire === WIRE_I64) out.startTime = s.double();
        else s.skip(t.wire);
      }
    } else if (field === 4 && wire === WIRE_LEN) {
      out.kind = "session_end";
      const s = r.message();
      while (!s.done()) {
        const t = s.tag();
        if (t.field === 1 && t.wire === WIRE_VARINT) out.status = s.varint();
        else if (t.field === 2 && t.wire === WIRE_I64) out.endTime = s.double();
        else s.skip(t.wire);
      }
    } else r.skip(wire);
  }
  return out;
}

function decodeMapEntry(r: ProtoReader): [string, unknown] {
  let key = "";
  let value: unknown = null;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) key = r.string();
    else if (field === 2 && wire === WIRE_LEN) value = decodeStructValue(r.message());
    else r.skip(wire);
  }
  return [key, value];
}

/** google.protobuf.Value → a JSON value. */
function decodeStructValue(r: ProtoReader): unknown {
  let value: unknown = null;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_VARINT) {
      r.varint();
      value = null;
    } else if (field === 2 && wire === WIRE_I64) value = r.double();
    else if (field === 3 && wire === WIRE_LEN) value = r.string();
    else if (field === 4 && wire === WIRE_VARINT) value = r.varint() !== 0;
    else if (field === 5 && wire === WIRE_LEN) {
      const s = r.message();
      const obj: Record<string, unknown> = ownRecord<unknown>();
      while (!s.done()) {
        const t = s.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) {
          const [k, v] = decodeMapEntry(s.message());
          setOwn(obj, k, v);
        } else s.skip(t.wire);
      }
      value = obj;
    } else if (field === 6 && wire === WIRE_LEN) {
      const l = r.message();
      const arr: unknown[] = [];
      while (!l.done()) {
        const t = l.tag();
        if (t.field === 1 && t.wire === WIRE_LEN) arr.push(decodeStructValue(l.message()));
        else l.skip(t.wire);
      }
      value = arr;
    } else r.skip(wire);
  }
  return value;
}

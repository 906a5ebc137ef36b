import { type Capture, ok, type Result } from './capture';
import { type Conversation, conversations } from './conversations';
import { type DecodedFrame, decodeFrame } from './decode';
import { readCapture } from './readCapture';
import { analyseTcp, type SegmentAnalysis, type TcpStream } from './tcpStreams';

/** A capture read, every frame decoded to its transport, TCP analysed and reassembled. */
export interface OpenedCapture {
  capture: Capture;
  frames: DecodedFrame[];
  tcpStreams: TcpStream[];
  segments: Map<number, SegmentAnalysis>;
  conversations: Conversation[];
}

export function openCapture(bytes: Uint8Array): Result<OpenedCapture> {
  const read = readCapture(bytes);
  if (!read.ok) return read;
  const frames = read.value.frames.map(decodeFrame);
  const { streams, segments } = analyseTcp(frames);
  return ok({ capture: read.value, frames, tcpStreams: streams, segments, conversations: conversations(frames, streams) });
}

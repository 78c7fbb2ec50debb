/// <reference lib="webworker" />
import { drawFlowchart, type FlowchartRequest } from './flowchart-drawing';

// Laying out a long procedure takes a few hundred milliseconds; here it does not freeze the page.
self.onmessage = (event: MessageEvent<FlowchartRequest & { id: number }>) => {
  const { id, ...request } = event.data;
  try {
    self.postMessage({ id, ...drawFlowchart(request) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};

/**
 * Whether to export OpenTelemetry traces, read from the standard OTEL_* variables. Off unless an
 * exporter is configured; when off, no OpenTelemetry package is even loaded (see tracing.ts).
 */
export interface TracingConfig {
  /** Where spans are POSTed (OTLP/HTTP JSON); unset: the exporter's own OTEL_EXPORTER_OTLP_* reading. */
  url?: string;
  /** OTEL_SERVICE_NAME; default serialgraph-api. */
  serviceName: string;
  /** Milliseconds between exports (OTEL_BSP_SCHEDULE_DELAY); default the SDK's (5000). */
  exportDelayMs?: number;
}

const ACCEPTED_EXPORTERS = ['otlp', 'none'];

/**
 * On when OTEL_TRACES_EXPORTER=otlp, or when it is unset and OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set; OTEL_SDK_DISABLED=true or OTEL_TRACES_EXPORTER=none
 * turn it off. Only OTLP over HTTP with JSON is shipped: any other exporter or protocol stops the
 * start-up rather than silently exporting nothing.
 */
export function readTracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const exporter of exporters)
    if (!ACCEPTED_EXPORTERS.includes(exporter))
      throw new Error(
        `OTEL_TRACES_EXPORTER must be one of ${ACCEPTED_EXPORTERS.join(', ')}, not "${exporter}".`,
      );
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const on = exporters.length ? exporters.includes('otlp') : Boolean(endpoint);
  if (!on) return undefined;
  const protocol = (env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL)?.trim();
  if (protocol && protocol !== 'http/json')
    throw new Error(
      `OTEL_EXPORTER_OTLP_PROTOCOL must be http/json (the exporter shipped), not "${protocol}".`,
    );
  return { serviceName: env.OTEL_SERVICE_NAME?.trim() || 'serialgraph-api' };
}

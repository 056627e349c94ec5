import { useEffect, useId, useRef } from 'react';
import type { CameraScannerMessages } from './camera-scanner.messages';
import { useCameraScanner, type CameraScannerSettings } from './use-camera-scanner';

/** Props of CameraDialog. */
export interface CameraDialogProps {
  settings: CameraScannerSettings;
  messages: CameraScannerMessages;
  /** Each read code, into the same path as a typed or scanned one. */
  onRead: (code: string) => void;
  /** Escape, the close button, or the first read when not continuous. */
  onClose: () => void;
  /** Not inside a widget: the dialog sets the theme variables itself (class sg-root). */
  standalone?: boolean;
}

/**
 * The viewfinder: a modal dialog (focus stays inside, Escape closes) showing the camera, a frame
 * that flashes on each read, the last code read (a live region) and torch/sound toggles. Loaded on
 * demand by CameraButton: none of this, nor the barcode reader, is in a widget's initial bundle.
 */
export default function CameraDialog({
  settings,
  messages: t,
  onRead,
  onClose,
  standalone = false,
}: CameraDialogProps) {
  const continuous = settings.continuous ?? true;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const hintId = useId();
  const scanner = useCameraScanner({
    ...settings,
    onRead: (code) => {
      onRead(code);
      if (!continuous) onClose();
    },
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    // Unmounted, the dialog is already out of the page: close() now would move focus to where it
    // was before opening, overriding where the host put it since (e.g. its scan field).
    return () => {
      if (dialog?.isConnected) dialog.close();
    };
  }, []);

  const { status, lastRead, torch, reader, reads, muted, setMuted, videoRef } = scanner;
  const statusText =
    status === 'starting'
      ? t.starting
      : status === 'denied'
        ? t.denied
        : status === 'failed'
          ? t.failed
          : lastRead
            ? `${t.read(lastRead.code)} · ${t.readCount(reads)}`
            : t.scanning;
  return (
    <dialog
      ref={dialogRef}
      className={standalone ? 'sg-root sg-camera' : 'sg-camera'}
      aria-labelledby={titleId}
      aria-describedby={hintId}
      data-status={status}
      data-reader={reader}
      onKeyDown={(event) => {
        // Escape as a key event too: browsers whose <dialog> has no cancel event, and synthetic keys.
        if (event.key !== 'Escape') return;
        event.preventDefault();
        onClose();
      }}
      onCancel={(event) => {
        // Escape: the host state closes (and unmounts) the dialog, which also stops the camera.
        event.preventDefault();
        onClose();
      }}
    >
      <div className="sg-camera-header">
        <h2 id={titleId} className="sg-camera-title">
          {t.title}
        </h2>
        <button type="button" className="sg-button sg-camera-close" onClick={onClose}>
          {t.close}
        </button>
      </div>
      <p id={hintId} className="sg-hint sg-camera-hint">
        {t.hint(continuous)}
      </p>
      <div className="sg-camera-viewfinder">
        <video ref={videoRef} className="sg-camera-video" muted playsInline aria-hidden="true" />
        <span className="sg-camera-aim" aria-hidden="true" />
        {lastRead && <span key={lastRead.seq} className="sg-camera-flash" aria-hidden="true" />}
      </div>
      <p
        role={status === 'denied' || status === 'failed' ? 'alert' : 'status'}
        className="sg-camera-status"
        data-status={status}
        data-read={lastRead?.code}
      >
        {statusText}
      </p>
      <div className="sg-camera-actions">
        {torch.supported && (
          <button type="button" className="sg-button" aria-pressed={torch.on} onClick={torch.toggle}>
            {t.torch}
          </button>
        )}
        <button type="button" className="sg-button" aria-pressed={!muted} onClick={() => setMuted(!muted)}>
          {t.sound}
        </button>
      </div>
    </dialog>
  );
}

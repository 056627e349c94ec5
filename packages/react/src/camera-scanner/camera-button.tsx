import { useEffect, useRef, useState, type ComponentType } from 'react';
import type { SerialgraphMessagesOverride } from '../common/messages';
import { useMessages } from '../common/serialgraph-provider';
import type { CameraDialogProps } from './camera-dialog';
import { cameraAvailable } from './camera-support';
import type { CameraScannerSettings } from './use-camera-scanner';

/** A widget's `camera` prop: false hides the button, true shows it, settings show it configured. */
export type CameraProp = boolean | CameraScannerSettings;

/**
 * The settings a widget's `camera` prop asks for, or null for no button. Default (undefined): a
 * button only where the browser can open a camera; a mock `getStream` needs no camera.
 */
export function cameraSettings(camera: CameraProp | undefined): CameraScannerSettings | null {
  if (camera === false) return null;
  if (camera === true) return {};
  if (camera?.getStream) return camera;
  return cameraAvailable() ? (camera ?? {}) : null;
}

/** Props of CameraButton. */
export interface CameraButtonProps {
  /** Each code read, handed to the same handler as a typed or wedge scan. */
  onRead: (code: string) => void;
  settings?: CameraScannerSettings;
  /** Strings to replace (group `camera`). */
  messages?: SerialgraphMessagesOverride;
  className?: string;
}

type Dialog = ComponentType<CameraDialogProps>;

/**
 * A button that opens the camera viewfinder. The viewfinder, the barcode reader and its wasm are
 * fetched only on the first click (a dynamic import, its own chunk). Focus returns to the button
 * when the viewfinder closes.
 */
export function CameraButton({ onRead, settings = {}, messages, className }: CameraButtonProps) {
  const t = useMessages(messages).camera;
  const [dialog, setDialog] = useState<{ Component: Dialog }>();
  const [open, setOpen] = useState(false);
  // Outside a widget (a host's own scan box) the viewfinder carries the theme root itself.
  const [standalone, setStandalone] = useState(false);
  const [loadFailed, setLoadFailed] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  // Focus returns to the button, unless the host moved it on (e.g. to its field after a read).
  useEffect(() => {
    const focused = document.activeElement;
    if (wasOpen.current && !open && (!focused || focused === document.body)) buttonRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const openCamera = () => {
    setLoadFailed(false);
    setStandalone(!buttonRef.current?.closest('.sg-root'));
    if (dialog) return setOpen(true);
    import('./camera-dialog')
      .then((module) => {
        setDialog({ Component: module.default });
        setOpen(true);
      })
      .catch(() => setLoadFailed(true));
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={className ? `sg-button sg-camera-button ${className}` : 'sg-button sg-camera-button'}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={openCamera}
      >
        <CameraIcon />
        {t.open}
      </button>
      {loadFailed && (
        <span role="alert" className="sg-camera-load-failed">
          {t.failed}
        </span>
      )}
      {open && dialog && (
        <dialog.Component
          settings={settings}
          messages={t}
          standalone={standalone}
          onRead={onRead}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function CameraIcon() {
  return (
    <svg className="sg-camera-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
      <path
        fill="currentColor"
        d="M9 3 7.2 5H4a2 2 0 0 0-2 2v11a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2h-3.2L15 3H9Zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10Zm0 2a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z"
      />
    </svg>
  );
}

export { CameraButton, cameraSettings } from './camera-button';
export type { CameraButtonProps, CameraProp } from './camera-button';
export { cameraAvailable } from './camera-support';
export { defaultCameraMessages } from './camera-scanner.messages';
export type { CameraScannerMessages } from './camera-scanner.messages';
export type { CameraScannerSettings } from './use-camera-scanner';
export type { ScanFormat } from './scan-formats';

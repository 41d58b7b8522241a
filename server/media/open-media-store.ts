/** The media store a server runs with, from MEDIA_STORE: DATA_DIR/media on disk, or an S3 bucket (staging stays local). */
import type { MediaStoreConfig } from '../config.js';
import type { MediaIndex } from './object-index.js';
import { createS3Objects } from './s3-objects.js';
import { createStaging } from './staging.js';
import { createIndexedMediaStore, createMediaStore, type MediaStore } from './store.js';

export function openMediaStore(config: MediaStoreConfig, mediaRoot: string, index: MediaIndex): MediaStore {
  if (config.kind === 'disk') return createMediaStore(mediaRoot, index);
  return createIndexedMediaStore(createS3Objects(config), createStaging(mediaRoot), index);
}

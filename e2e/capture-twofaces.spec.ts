/** With two faces in view, guidance says so, no countdown starts and nothing is recorded. */
import { test } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { expectGuidanceWithoutRecording } from './capture-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.twoFaces.y4m) });

test('says more than one face and records nothing', async ({ page, request }) => {
  await expectGuidanceWithoutRecording(page, request, 'multiple_faces');
});

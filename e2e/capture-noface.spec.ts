/** With no face in front of the camera, guidance never says ready, no countdown starts and nothing is recorded. */
import { test } from '@playwright/test';
import { cameraClips, fakeCameraLaunch } from './camera.js';
import { expectGuidanceWithoutRecording } from './capture-watch.js';

test.use({ launchOptions: fakeCameraLaunch(cameraClips.noFace.y4m) });

test('says no face and records nothing', async ({ page, request }) => {
  await expectGuidanceWithoutRecording(page, request, 'no_face');
});

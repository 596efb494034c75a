/* global document, window, location, setTimeout, clearTimeout, URL */
// The top page of the admin-center replica: portal chrome, a hash router, and one React-view frame that is loaded
// blank and told which view to render after a short delay (the frame URL never says which view it holds).
(function replicaTop() {
  'use strict';
  var configNode = document.getElementById('replica-config');
  var config = JSON.parse(configNode.textContent);
  configNode.remove();
  var ALL_USERS = /^#view\/Microsoft_AAD_UsersAndTenants\/UserManagementMenuBlade\/~\/AllUsers(?:[/?]|$)/;
  var PROFILE = /^#view\/Microsoft_AAD_UsersAndTenants\/UserProfileMenuBlade\/~\/overview\/userId\/([0-9a-fA-F-]{36})/;
  var title = document.getElementById('blade-title');
  var slot = document.getElementById('reactview-slot');
  var frameSrc = slot.getAttribute('data-frame-src');
  var frameOrigin = new URL(frameSrc).origin;
  // The frame is made once, named after the view it is created for (a frame's name is fixed at creation: later
  // changes of the attribute do not reach window.name), and loaded blank; views are swapped in by message.
  var frame = document.createElement('iframe');
  frame.id = 'reactview';
  frame.className = 'fxs-reactview-frame';
  frame.title = 'Users';
  frame.name = ALL_USERS.test(location.hash) ? config.frameNamePrefix + '.UsersList.ReactView_0' : 'blank_0';
  frame.src = frameSrc;
  slot.replaceWith(frame);
  var frameLoaded = false;
  var timer = 0;
  var serial = 0;

  function route() {
    var hash = location.hash;
    var profile = PROFILE.exec(hash);
    var view;
    var userId;
    if (ALL_USERS.test(hash)) {
      view = 'users';
      title.textContent = 'Users';
      frame.name = config.frameNamePrefix + '.UsersList.ReactView_' + (++serial);
    } else if (profile) {
      view = 'profile';
      userId = profile[1];
      title.textContent = 'User profile';
      frame.name = config.frameNamePrefix + '.UserProfile.ReactView_' + (++serial);
    } else {
      view = 'blank';
      title.textContent = 'Home';
      frame.name = 'blank_' + (++serial);
    }
    frame.hidden = view === 'blank';
    if (!frameLoaded) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      frame.contentWindow.postMessage({ type: 'replica/view', view: view, userId: userId }, frameOrigin);
    }, config.viewDelayMs);
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== frameOrigin || e.source !== frame.contentWindow) return;
    var d = e.data;
    if (d && d.type === 'replica/navigate' && typeof d.hash === 'string' && d.hash.indexOf('#view/') === 0) location.hash = d.hash;
  });
  window.addEventListener('hashchange', route);
  frame.addEventListener('load', function () {
    frameLoaded = true;
    route();
  });
  route();
})();

// 아무 일도 하지 않는 플러그인: 이 확장이 불러오는 것만으로 @jupyterlab/console 이 공유 범위에 들어간다.
import '@jupyterlab/console';

const plugin = {
  id: 'rnn-book-rise-widgets:plugin',
  autoStart: true,
  activate: () => {}
};

export default plugin;

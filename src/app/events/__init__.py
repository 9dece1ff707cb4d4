"""Events (мероприятия) with participants and files, and the «Информационная справка»."""

defmodule MyApp.MigrationHelpers do
  def now, do: :ok
end

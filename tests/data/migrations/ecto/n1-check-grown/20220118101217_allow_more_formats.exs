defmodule Shop.Repo.Migrations.AllowMoreFormats do
  use Ecto.Migration

  def up do
    drop(constraint("exports", :known_formats))
    create(constraint("exports", :known_formats, check: "format IN ('csv', 'json')"))
  end

  def down do
    drop(constraint("exports", :known_formats))
    create(constraint("exports", :known_formats, check: "format IN ('csv')"))
  end
end

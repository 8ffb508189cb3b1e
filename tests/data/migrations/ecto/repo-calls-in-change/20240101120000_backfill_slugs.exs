defmodule MyApp.Repo.Migrations.BackfillSlugs do
  use Ecto.Migration
  import Ecto.Query
  alias MyApp.Repo

  def change do
    alter table(:posts) do
      add :slug, :string
    end

    flush()

    for post <- Repo.all(from p in "posts", select: %{id: p.id, title: p.title}) do
      Repo.update_all(from(p in "posts", where: p.id == ^post.id), set: [slug: post.title])
    end
  end
end

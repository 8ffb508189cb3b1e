<?php

use App\Models\Comment;
use App\Models\Post;
use App\Models\User;
use Illuminate\Database\Migrations\Migration;
use Illuminate\Support\Facades\Schema;
use Illuminate\Support\Facades\Artisan;

return new class extends Migration
{
    public function up(): void
    {
        User::find(1)->forceDelete();

        $comment = Comment::find(3);
        $comment->delete();
    }

    public function down(): void
    {
    }
};
